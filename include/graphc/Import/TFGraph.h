//===- TFGraph.h - TensorFlow graph as plain C++ values ---------*- C++ -*-===//
//
// The protobuf side of graphc hands GraphDefs to the MLIR side as these plain
// structs. Debian's libLLVM/libMLIR (built without exceptions) and
// libprotobuf share no headers or symbols we want to mix, so everything that
// touches protobuf lives in one static library (GraphcTFProto) behind this
// header, which includes neither protobuf nor LLVM.
//
// Field names follow TensorFlow's protos (graph.proto, node_def.proto,
// attr_value.proto, tensor.proto, tensor_shape.proto, types.proto).
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_IMPORT_TFGRAPH_H
#define GRAPHC_IMPORT_TFGRAPH_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace graphc::tf {

/// TensorFlow's DataType enum (types.proto), same numbers. `*_REF` types are
/// the base type + 100.
enum DataType : int {
  DT_INVALID = 0,
  DT_FLOAT = 1,
  DT_DOUBLE = 2,
  DT_INT32 = 3,
  DT_UINT8 = 4,
  DT_INT16 = 5,
  DT_INT8 = 6,
  DT_STRING = 7,
  DT_COMPLEX64 = 8,
  DT_INT64 = 9,
  DT_BOOL = 10,
  DT_QINT8 = 11,
  DT_QUINT8 = 12,
  DT_QINT32 = 13,
  DT_BFLOAT16 = 14,
  DT_QINT16 = 15,
  DT_QUINT16 = 16,
  DT_UINT16 = 17,
  DT_COMPLEX128 = 18,
  DT_HALF = 19,
  DT_RESOURCE = 20,
  DT_VARIANT = 21,
  DT_UINT32 = 22,
  DT_UINT64 = 23,
  DT_REF_OFFSET = 100,
};

/// More nodes than this (in the graph, or made by inlining its function
/// library) is not a model graphc compiles but hostile input, refused
/// before it takes gigabytes: real inference graphs have up to a few
/// hundred thousand (docs/GraphDefImport.md).
inline constexpr size_t kMaxGraphNodes = 2000000;

/// TF's name for a dtype ("DT_FLOAT"), or "DT_<number>" if unknown.
std::string dataTypeName(DataType type);
/// Size in bytes of one element of a numeric dtype; 0 for string, resource,
/// variant and unknown dtypes. Ref types are handled as their base type.
int dataTypeSize(DataType type);

/// A TensorShapeProto. `dims[i] == -1` is an unknown dimension.
struct TensorShape {
  bool unknownRank = false;
  std::vector<int64_t> dims;

  /// Number of elements, or -1 if the rank or any dimension is unknown (or
  /// the product overflows int64_t).
  int64_t numElements() const;
};

/// A TensorProto, decoded: whichever encoding the file used
/// (`tensor_content`, typed `*_val` fields, one value that fills the shape,
/// empty), `data` holds every element densely, row-major, little-endian, in
/// the dtype's natural C layout (`numElements * dataTypeSize(dtype)` bytes;
/// DT_HALF/DT_BFLOAT16 as their 16-bit patterns, DT_BOOL one byte each).
/// DT_STRING tensors use `strings` instead of `data`.
struct Tensor {
  DataType dtype = DT_INVALID;
  TensorShape shape;
  std::vector<uint8_t> data;
  std::vector<std::string> strings;
  /// `data` holds one element that fills the whole shape (a TensorProto
  /// with one typed value, or none: zeros), kept that way so a small file
  /// declaring a huge constant stays small.
  bool splat = false;
};

struct AttrValue;

/// A NameAttrList: a function name with attributes (used by function-valued
/// attrs such as `f` of PartitionedCall).
struct NameAttrList {
  std::string name;
  std::map<std::string, AttrValue> attrs;
};

/// An AttrValue's `list` case.
struct AttrList {
  std::vector<std::string> s;
  std::vector<int64_t> i;
  std::vector<float> f;
  std::vector<bool> b;
  std::vector<DataType> type;
  std::vector<TensorShape> shape;
  std::vector<Tensor> tensor;
  std::vector<NameAttrList> func;
};

/// An AttrValue: exactly one member is meaningful, as `kind` says.
struct AttrValue {
  enum Kind {
    None,        // oneof not set
    String,      // s (bytes)
    Int,         // i
    Float,       // f
    Bool,        // b
    Type,        // type
    Shape,       // shape
    TensorKind,  // tensor
    List,        // list
    Func,        // func
    Placeholder, // placeholder (in function bodies)
  };
  Kind kind = None;
  std::string s; // also the placeholder name
  int64_t i = 0;
  float f = 0;
  bool b = false;
  DataType type = DT_INVALID;
  TensorShape shape;
  std::shared_ptr<Tensor> tensor;
  std::shared_ptr<AttrList> list;
  std::shared_ptr<NameAttrList> func;
};

/// A NodeDef. `inputs` keep TF's spelling: "node", "node:1", "^ctrl".
struct NodeDef {
  std::string name;
  std::string op;
  std::vector<std::string> inputs;
  std::string device;
  std::map<std::string, AttrValue> attrs;
};

/// An OpDef.ArgDef inside a function signature.
struct ArgDef {
  std::string name;
  DataType type = DT_INVALID;
  std::string typeAttr;       // type_attr
  std::string numberAttr;     // number_attr
  std::string typeListAttr;   // type_list_attr
  bool isRef = false;
};

/// A FunctionDef (function.proto): signature, body and the return mapping.
struct FunctionDef {
  std::string name;
  std::vector<ArgDef> inputArgs;
  std::vector<ArgDef> outputArgs;
  std::map<std::string, AttrValue> attrs;
  std::vector<NodeDef> nodes;
  std::map<std::string, std::string> ret;        // output arg -> "node:out:idx"
  std::map<std::string, std::string> controlRet;
};

/// A GraphDef: nodes, versions and the function library.
struct GraphDef {
  std::vector<NodeDef> nodes;
  int producer = 0;    // versions.producer
  int minConsumer = 0; // versions.min_consumer
  std::vector<FunctionDef> functions;
};

/// An OpDef (op_def.proto), as far as function inlining needs it: the
/// argument lists and the attr defaults. A MetaGraphDef carries one for
/// every op its graph uses (meta_info_def.stripped_op_list).
struct OpDef {
  std::string name;
  std::vector<ArgDef> inputArgs;
  std::vector<ArgDef> outputArgs;
  std::map<std::string, AttrValue> attrDefaults;
};

/// A dense TensorInfo of a SignatureDef: the graph tensor ("x:0"), its
/// dtype and shape (unknownRank when the signature gives none).
struct TensorInfo {
  std::string name;
  DataType dtype = DT_INVALID;
  TensorShape shape;
};

/// A SignatureDef: user-facing names (the map keys, e.g. "x", "y") of the
/// graph tensors to feed and fetch.
struct SignatureDef {
  std::string methodName;
  std::map<std::string, TensorInfo> inputs;
  std::map<std::string, TensorInfo> outputs;
};

/// A SaverDef: how the graph saves and restores its variables.
struct SaverDef {
  std::string filenameTensorName;
  std::string saveTensorName;
  std::string restoreOpName;
  int version = 0; // 0 LEGACY, 1 V1, 2 V2
};

/// A MetaGraphDef (meta_graph.proto) of a `.meta` file or a SavedModel.
struct MetaGraph {
  GraphDef graph;
  std::vector<std::string> tags;
  std::string tensorflowVersion;
  std::map<std::string, SignatureDef> signatures;
  SaverDef saver;
  /// meta_info_def.stripped_op_list.
  std::vector<OpDef> ops;
  /// TF2 SavedModels: checkpoint key of each variable in the object graph
  /// ("model/dense/kernel/.ATTRIBUTES/VARIABLE_VALUE", from the path of
  /// child names from the root) -> the variable's name (SavedVariable.name).
  std::map<std::string, std::string> objectGraphVariables;
};

/// Reads a MetaGraphDef (`.meta`, binary; text format for `.pbtxt`-like
/// names). Errors as for readGraphDef, e.g. "not a valid MetaGraphDef ...".
bool readMetaGraphDef(const std::string &path, MetaGraph &meta,
                      std::string &error);

/// Reads `dir/saved_model.pb` (or `saved_model.pbtxt`) and picks the
/// MetaGraphDef whose tag set is exactly `tags` (as TF's loader does). On
/// failure returns false with one line naming the reason, e.g.
///   "no MetaGraphDef in saved_model.pb has the tags {serve}; it has
///    {serve,train}: choose one with --saved-model-tags"
bool readSavedModel(const std::string &dir,
                    const std::vector<std::string> &tags, MetaGraph &meta,
                    std::string &error);

/// Reads a GraphDef from `path`: binary protobuf, or text format when the
/// file name ends in `.pbtxt`/`.pbtext`/`.txt` (or the binary parse fails and
/// the text parse succeeds). All tensors are decoded as described at
/// `Tensor`. On failure returns false and sets `error` to one line of the
/// form "<reason>" naming the node and attr where one is at fault, e.g.
///   "not a valid GraphDef (truncated or not a protobuf file)"
///   "node 'w': attr 'value': tensor_content has 12 bytes, expected 16"
/// (the caller prefixes the file name).
bool readGraphDef(const std::string &path, GraphDef &graph,
                  std::string &error);

/// Same, from bytes already in memory; `textFormat` selects the parser.
bool parseGraphDef(const std::string &bytes, bool textFormat, GraphDef &graph,
                   std::string &error);

/// Writes `graph` to `path` (the inverse of readGraphDef): text format when
/// the file name ends in `.pbtxt`/`.pbtext`/`.txt`, else binary protobuf,
/// deterministic (map entries sorted). Numeric tensors are written as
/// `tensor_content`, string tensors as `string_val`. On failure returns false
/// and sets `error` to one line ("cannot write file: <reason>", "node 'w':
/// attr 'value': tensor data has 12 bytes, expected 16").
bool writeGraphDef(const GraphDef &graph, const std::string &path,
                   std::string &error);

/// Same, into `bytes`; `textFormat` selects the encoding.
bool serializeGraphDef(const GraphDef &graph, bool textFormat,
                       std::string &bytes, std::string &error);

} // namespace graphc::tf

#endif // GRAPHC_IMPORT_TFGRAPH_H
