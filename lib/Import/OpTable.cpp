//===- OpTable.cpp - argument types and attr defaults of TF ops -----------===//
//
// Transcribed from TF's public op registrations (tensorflow/core/ops/*.cc:
// input/output arg types and attr defaults). Only what the importer needs.
//
//===----------------------------------------------------------------------===//
#include "OpTable.h"

#include <unordered_map>

using namespace graphc;
using namespace graphc::importer;
using tf::AttrValue;

namespace {
AttrValue str(const char *s) {
  AttrValue v;
  v.kind = AttrValue::String;
  v.s = s;
  return v;
}
AttrValue boolean(bool b) {
  AttrValue v;
  v.kind = AttrValue::Bool;
  v.b = b;
  return v;
}
AttrValue real(float f) {
  AttrValue v;
  v.kind = AttrValue::Float;
  v.f = f;
  return v;
}
AttrValue type(tf::DataType t) {
  AttrValue v;
  v.kind = AttrValue::Type;
  v.type = t;
  return v;
}
AttrValue integer(int64_t i) {
  AttrValue v;
  v.kind = AttrValue::Int;
  v.i = i;
  return v;
}
AttrValue ints(std::vector<int64_t> values) {
  AttrValue v;
  v.kind = AttrValue::List;
  v.list = std::make_shared<tf::AttrList>();
  v.list->i = std::move(values);
  return v;
}

std::vector<OpSpec> buildTable() {
  std::vector<OpSpec> t;
  auto unary = [&](const char *op) { t.push_back({op, {"T"}, {"T"}, {}}); };
  auto binary = [&](const char *op) {
    t.push_back({op, {"T", "T"}, {"T"}, {}});
  };
  auto compare = [&](const char *op) {
    t.push_back({op, {"T", "T"}, {"=bool"}, {}});
  };
  auto reduction = [&](const char *op) {
    t.push_back({op, {"T", "Tidx"}, {"T"},
                 {{"keep_dims", boolean(false)}, {"Tidx", type(tf::DT_INT32)}}});
  };

  // Graph structure.
  t.push_back({"Const", {}, {"dtype"}, {}});
  t.push_back({"Placeholder", {}, {"dtype"}, {}});
  t.push_back({"PlaceholderWithDefault", {"dtype"}, {"dtype"}, {}});
  unary("Identity");
  unary("StopGradient");
  unary("Snapshot");
  t.push_back({"IdentityN", {""}, {}, {}}); // outputs from list attr T
  // outputs from list attr dtypes; inputs prefix, tensor_names, slices.
  t.push_back({"RestoreV2", {"=string", "=string", "=string"}, {}, {}});
  t.push_back({"NoOp", {}, {}, {}});

  // Variables.
  t.push_back({"VariableV2", {}, {"dtype"},
               {{"container", str("")}, {"shared_name", str("")}}});
  t.push_back({"Variable", {}, {"dtype"},
               {{"container", str("")}, {"shared_name", str("")}}});
  t.push_back({"VarHandleOp", {}, {"=resource"},
               {{"container", str("")}, {"shared_name", str("")}}});
  t.push_back({"ReadVariableOp", {"=resource"}, {"dtype"}, {}});
  t.push_back({"Assign", {"T", "T"}, {"T"},
               {{"validate_shape", boolean(true)}, {"use_locking", boolean(true)}}});
  t.push_back({"AssignAdd", {"T", "T"}, {"T"}, {}});
  t.push_back({"AssignSub", {"T", "T"}, {"T"}, {}});
  t.push_back({"AssignVariableOp", {"=resource", "dtype"}, {}, {}});
  t.push_back({"AssignAddVariableOp", {"=resource", "dtype"}, {}, {}});
  t.push_back({"AssignSubVariableOp", {"=resource", "dtype"}, {}, {}});
  // Training-only ops that TF2 SavedModels keep in their train signature's
  // functions; known so the importer types their outputs and freezing can
  // name the variable write instead of failing on an untyped input.
  t.push_back({"BroadcastGradientArgs", {"T", "T"}, {"T", "T"},
               {{"T", type(tf::DT_INT32)}}});

  // Math.
  t.push_back({"MatMul", {"T", "T"}, {"T"},
               {{"transpose_a", boolean(false)}, {"transpose_b", boolean(false)}}});
  t.push_back({"BiasAdd", {"T", "T"}, {"T"}, {{"data_format", str("NHWC")}}});
  for (const char *op : {"Add", "AddV2", "Sub", "Mul", "RealDiv", "Div",
                         "Maximum", "Minimum", "SquaredDifference", "Pow",
                         "FloorDiv", "FloorMod"})
    binary(op);
  for (const char *op : {"Less", "LessEqual", "Greater", "GreaterEqual",
                         "Equal", "NotEqual"})
    compare(op);
  for (const char *op : {"Relu", "Relu6", "Elu", "Selu", "Sigmoid", "Tanh",
                         "Softmax", "LogSoftmax", "Exp", "Log", "Sqrt",
                         "Rsqrt", "Square", "Abs", "Neg", "Floor", "Ceil", "Erf",
                         "Erfc", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan",
                         "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Round",
                         "Rint", "Expm1", "Log1p"})
    unary(op);
  t.push_back({"LeakyRelu", {"T"}, {"T"}, {{"alpha", real(0.2f)}}});
  t.push_back({"AddN", {"N*T"}, {"T"}, {}});
  t.push_back({"Einsum", {"N*T"}, {"T"}, {}});
  t.push_back({"LogicalAnd", {"=bool", "=bool"}, {"=bool"}, {}});
  t.push_back({"LogicalOr", {"=bool", "=bool"}, {"=bool"}, {}});
  t.push_back({"LogicalNot", {"=bool"}, {"=bool"}, {}});
  for (const char *op : {"Mean", "Sum", "Max", "Min", "Prod"})
    reduction(op);
  for (const char *op : {"All", "Any"})
    t.push_back({op, {"=bool", "Tidx"}, {"=bool"},
                 {{"keep_dims", boolean(false)}, {"Tidx", type(tf::DT_INT32)}}});

  // Shapes.
  t.push_back({"Reshape", {"T", "Tshape"}, {"T"}, {{"Tshape", type(tf::DT_INT32)}}});
  t.push_back({"Cast", {"SrcT"}, {"DstT"}, {{"Truncate", boolean(false)}}});

  // Convolution and pooling.
  t.push_back({"Conv2D", {"T", "T"}, {"T"},
               {{"data_format", str("NHWC")},
                {"dilations", ints({1, 1, 1, 1})},
                {"explicit_paddings", ints({})},
                {"use_cudnn_on_gpu", boolean(true)}}});
  t.push_back({"MaxPool", {"T"}, {"T"}, {{"data_format", str("NHWC")}}});
  t.push_back({"AvgPool", {"T"}, {"T"}, {{"data_format", str("NHWC")}}});
  // --- issue 3: math ops (Math family) ---
  // (Elementwise math, comparisons, AddN, reductions and Cast are listed
  // under "Math" and "Shapes" above.)
  t.push_back({"Range", {"Tidx", "Tidx", "Tidx"}, {"Tidx"},
               {{"Tidx", type(tf::DT_INT32)}}});
  // Dropout's random mask (tf2onnx_gru/lstm keep it in inference graphs).
  t.push_back({"RandomUniform", {"T"}, {"dtype"},
               {{"seed", integer(0)}, {"seed2", integer(0)}}});
  t.push_back({"Select", {"=bool", "T", "T"}, {"T"}, {}});
  t.push_back({"SelectV2", {"=bool", "T", "T"}, {"T"}, {}});
  for (const char *op : {"ArgMax", "ArgMin"})
    t.push_back({op, {"T", "Tidx"}, {"output_type"},
                 {{"Tidx", type(tf::DT_INT32)},
                  {"output_type", type(tf::DT_INT64)}}});
  // --- issue 3: array/shape ops (Array family) ---
  // Shape queries: they fold to constants once shapes are static.
  t.push_back({"Shape", {"T"}, {"out_type"}, {{"out_type", type(tf::DT_INT32)}}});
  t.push_back({"Size", {"T"}, {"out_type"}, {{"out_type", type(tf::DT_INT32)}}});
  t.push_back({"Rank", {"T"}, {"=int32"}, {}});
  // Unit dims, permutations, joins and splits.
  t.push_back({"Squeeze", {"T"}, {"T"}, {{"squeeze_dims", ints({})}}});
  t.push_back({"ExpandDims", {"T", "Tdim"}, {"T"}, {{"Tdim", type(tf::DT_INT32)}}});
  t.push_back({"Transpose", {"T", "Tperm"}, {"T"}, {{"Tperm", type(tf::DT_INT32)}}});
  t.push_back({"ConcatV2", {"N*T", "Tidx"}, {"T"}, {{"Tidx", type(tf::DT_INT32)}}});
  t.push_back({"Pack", {"N*T"}, {"T"}, {{"axis", integer(0)}}});
  t.push_back({"Unpack", {"T"}, {"num*T"}, {{"axis", integer(0)}}});
  t.push_back({"Split", {"=int32", "T"}, {"num_split*T"}, {}});
  t.push_back({"SplitV", {"T", "Tlen", "=int32"}, {"num_split*T"},
               {{"Tlen", type(tf::DT_INT64)}}});
  // Slicing (Index has no default in TF).
  t.push_back({"Slice", {"T", "Index", "Index"}, {"T"}, {}});
  t.push_back({"StridedSlice", {"T", "Index", "Index", "Index"}, {"T"},
               {{"begin_mask", integer(0)},
                {"end_mask", integer(0)},
                {"ellipsis_mask", integer(0)},
                {"new_axis_mask", integer(0)},
                {"shrink_axis_mask", integer(0)}}});
  // Padding, tiling, filling, gathering.
  t.push_back({"Pad", {"T", "Tpaddings"}, {"T"}, {{"Tpaddings", type(tf::DT_INT32)}}});
  t.push_back({"PadV2", {"T", "Tpaddings", "T"}, {"T"},
               {{"Tpaddings", type(tf::DT_INT32)}}});
  t.push_back({"MirrorPad", {"T", "Tpaddings"}, {"T"},
               {{"Tpaddings", type(tf::DT_INT32)}}});
  t.push_back({"Tile", {"T", "Tmultiples"}, {"T"},
               {{"Tmultiples", type(tf::DT_INT32)}}});
  for (const char *op : {"DepthToSpace", "SpaceToDepth"})
    t.push_back({op, {"T"}, {"T"}, {{"data_format", str("NHWC")}}});
  t.push_back({"Fill", {"index_type", "T"}, {"T"},
               {{"index_type", type(tf::DT_INT32)}}});
  unary("ZerosLike");
  unary("OnesLike");
  t.push_back({"GatherV2", {"Tparams", "Tindices", "Taxis"}, {"Tparams"},
               {{"batch_dims", integer(0)}}});
  t.push_back({"GatherNd", {"Tparams", "Tindices"}, {"Tparams"}, {}});
  // --- issue 3: NN ops (NN family) ---
  // Convolutions: Conv2D's window attrs and defaults.
  auto convDefaults = [] {
    return std::vector<std::pair<const char *, AttrValue>>{
        {"data_format", str("NHWC")},
        {"dilations", ints({1, 1, 1, 1})},
        {"explicit_paddings", ints({})}};
  };
  t.push_back({"DepthwiseConv2dNative", {"T", "T"}, {"T"}, convDefaults()});
  {
    auto defaults = convDefaults();
    defaults.push_back({"use_cudnn_on_gpu", boolean(true)});
    t.push_back({"Conv2DBackpropInput", {"=int32", "T", "T"}, {"T"}, defaults});
  }
  // Batched matrix products (V3: Ta x Tb -> Tout).
  for (const char *op : {"BatchMatMul", "BatchMatMulV2"})
    t.push_back({op, {"T", "T"}, {"T"},
                 {{"adj_x", boolean(false)}, {"adj_y", boolean(false)}}});
  t.push_back({"BatchMatMulV3", {"Ta", "Tb"}, {"Tout"},
               {{"adj_x", boolean(false)}, {"adj_y", boolean(false)}}});
  // Batch normalization: FusedBatchNorm is all T; V2/V3 take U statistics.
  auto batchNormDefaults = [] {
    return std::vector<std::pair<const char *, AttrValue>>{
        {"epsilon", real(0.0001f)},
        {"exponential_avg_factor", real(1.0f)},
        {"data_format", str("NHWC")},
        {"is_training", boolean(true)}};
  };
  t.push_back({"FusedBatchNorm", {"T", "T", "T", "T", "T"},
               {"T", "T", "T", "T", "T"}, batchNormDefaults()});
  t.push_back({"FusedBatchNormV2", {"T", "U", "U", "U", "U"},
               {"T", "U", "U", "U", "U"}, batchNormDefaults()});
  t.push_back({"FusedBatchNormV3", {"T", "U", "U", "U", "U"},
               {"T", "U", "U", "U", "U", "U"}, batchNormDefaults()});
  // TF.js's Prelu (the converter's own op). The converter writes it without
  // attrs; TF.js computes it in float32.
  t.push_back({"Prelu", {"T", "T"}, {"T"}, {{"T", type(tf::DT_FLOAT)}}});
  // Fused ops (grappler's remapper, TF.js's converter): args are num_args * T.
  auto fusionDefaults = [] {
    return std::vector<std::pair<const char *, AttrValue>>{
        {"fused_ops", ints({})}, // an empty list
        {"epsilon", real(0.0001f)},
        {"leakyrelu_alpha", real(0.2f)}};
  };
  {
    auto defaults = convDefaults();
    auto fusion = fusionDefaults();
    defaults.insert(defaults.end(), fusion.begin(), fusion.end());
    defaults.push_back({"use_cudnn_on_gpu", boolean(true)});
    defaults.push_back({"filter_format", str("HWIO")});
    t.push_back({"_FusedConv2D", {"T", "T", "num_args*T"}, {"T"}, defaults});
    defaults.pop_back();
    defaults.pop_back();
    t.push_back({"FusedDepthwiseConv2dNative", {"T", "T", "num_args*T"}, {"T"},
                 defaults});
  }
  {
    auto defaults = fusionDefaults();
    defaults.push_back({"transpose_a", boolean(false)});
    defaults.push_back({"transpose_b", boolean(false)});
    t.push_back({"_FusedMatMul", {"T", "T", "num_args*T"}, {"T"}, defaults});
  }
  // --- issue 3: misc ops (Misc family) ---
  // ResizeBilinear's output is DT_FLOAT whatever T is (uint8 images give
  // float32); ResizeNearestNeighbor's is T. Dequantize's ranges and
  // BlockLSTM's seq_len_max (DT_FLOAT / DT_INT64) are left to the ops'
  // verifiers ("").
  t.push_back({"ResizeBilinear", {"T", "=int32"}, {"=float"},
               {{"align_corners", boolean(false)},
                {"half_pixel_centers", boolean(false)}}});
  t.push_back({"ResizeNearestNeighbor", {"T", "=int32"}, {"T"},
               {{"align_corners", boolean(false)},
                {"half_pixel_centers", boolean(false)}}});
  // TopKV2: Tk and index_type arrived in TF 2.12; older graphs have neither.
  t.push_back({"TopKV2", {"T", "Tk"}, {"T", "index_type"},
               {{"sorted", boolean(true)},
                {"Tk", type(tf::DT_INT32)},
                {"index_type", type(tf::DT_INT32)}}});
  // Non-max suppression (image_ops.cc): boxes and scores T, int32
  // max_output_size, thresholds T_threshold (V5: T), int32 indices.
  {
    auto defaults = [] {
      return std::vector<std::pair<const char *, AttrValue>>{
          {"T", type(tf::DT_FLOAT)}, {"T_threshold", type(tf::DT_FLOAT)}};
    };
    t.push_back({"NonMaxSuppressionV2", {"T", "T", "=int32", "T_threshold"},
                 {"=int32"}, defaults()});
    t.push_back({"NonMaxSuppressionV3",
                 {"T", "T", "=int32", "T_threshold", "T_threshold"},
                 {"=int32"}, defaults()});
    auto v4 = defaults();
    v4.push_back({"pad_to_max_output_size", boolean(false)});
    t.push_back({"NonMaxSuppressionV4",
                 {"T", "T", "=int32", "T_threshold", "T_threshold"},
                 {"=int32", "=int32"}, v4});
    t.push_back({"NonMaxSuppressionV5", {"T", "T", "=int32", "T", "T", "T"},
                 {"=int32", "T", "=int32"},
                 {{"T", type(tf::DT_FLOAT)},
                  {"pad_to_max_output_size", boolean(false)}}});
  }
  t.push_back({"SpaceToBatchND", {"T", "Tblock_shape", "Tpaddings"}, {"T"},
               {{"Tblock_shape", type(tf::DT_INT32)},
                {"Tpaddings", type(tf::DT_INT32)}}});
  t.push_back({"BatchToSpaceND", {"T", "Tblock_shape", "Tcrops"}, {"T"},
               {{"Tblock_shape", type(tf::DT_INT32)},
                {"Tcrops", type(tf::DT_INT32)}}});
  t.push_back({"Dequantize", {"T", "", ""}, {"dtype"},
               {{"mode", str("MIN_COMBINED")},
                {"narrow_range", boolean(false)},
                {"axis", integer(-1)},
                {"dtype", type(tf::DT_FLOAT)}}});
  // BlockLSTM(V2): seq_len_max, x, cs_prev, h_prev, w, wci, wcf, wco, b ->
  // i, cs, f, o, ci, co, h.
  t.push_back({"BlockLSTM", {"", "T", "T", "T", "T", "T", "T", "T", "T"},
               {"T", "T", "T", "T", "T", "T", "T"},
               {{"forget_bias", real(1.0f)},
                {"cell_clip", real(3.0f)},
                {"use_peephole", boolean(false)}}});
  t.push_back({"BlockLSTMV2",
               {"", "T", "T", "T", "T", "T", "T", "T", "T"},
               {"T", "T", "T", "T", "T", "T", "T"},
               {{"cell_clip", real(0.0f)}, {"use_peephole", boolean(false)}}});
  // TF1's TensorArrays (dynamic_rnn's per-step inputs and outputs): a
  // resource handle and a float "flow" scalar that orders the reads after
  // the writes. graph-lower-tensor-lists follows the flow.
  t.push_back({"TensorArrayV3", {"=int32"}, {"=resource", "=float"},
               {{"dynamic_size", boolean(false)},
                {"clear_after_read", boolean(true)},
                {"identical_element_shapes", boolean(false)},
                {"tensor_array_name", str("")}}});
  for (const char *op : {"TensorArrayScatterV3", "TensorArrayWriteV3"})
    t.push_back({op, {"=resource", "=int32", "T", "=float"}, {"=float"}, {}});
  for (const char *op : {"TensorArrayReadV3", "TensorArrayGatherV3"})
    t.push_back({op, {"=resource", "=int32", "=float"}, {"dtype"}, {}});
  t.push_back({"TensorArraySizeV3", {"=resource", "=float"}, {"=int32"}, {}});
  t.push_back({"TensorArrayCloseV3", {"=resource"}, {}, {}});
  return t;
}
} // namespace

const OpSpec *graphc::importer::lookupOpSpec(const std::string &op) {
  static const std::vector<OpSpec> table = buildTable();
  static const std::unordered_map<std::string, const OpSpec *> index = [] {
    std::unordered_map<std::string, const OpSpec *> m;
    for (const OpSpec &spec : table)
      m[spec.op] = &spec;
    return m;
  }();
  auto it = index.find(op);
  return it == index.end() ? nullptr : it->second;
}
