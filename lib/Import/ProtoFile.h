//===- ProtoFile.h - read a protobuf file, within protobuf's limit -*- C++ -*-===//
//
// Private to GraphcTFProto: the GraphDef, MetaGraphDef and SavedModel
// readers read their file whole and parse it here, within protobuf's limits
// on size and nesting. protobuf parses at most 2 GiB per
// message, so a larger file is refused from its size, before reading it
// into memory (a 3 GB file would otherwise be a 3 GB allocation, then a
// parse failure).
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_IMPORT_PROTOFILE_H
#define GRAPHC_LIB_IMPORT_PROTOFILE_H

#include <climits>
#include <cstdint>
#include <string>

namespace google::protobuf {
class Message;
} // namespace google::protobuf

namespace graphc::tf::detail {

/// How deeply messages may nest (AttrValue -> NameAttrList -> AttrValue ...
/// is recursive): protobuf's default for binary input. Its text parser has
/// no limit by default, so a deeply nested .pbtxt overflowed the stack.
inline constexpr int kMaxProtoNesting = 100;

/// protobuf's limit on one serialized message (INT_MAX bytes).
inline constexpr uint64_t kMaxProtoFileBytes = INT_MAX;

/// Reads `path` into `bytes`; false with a one-line `error` ("cannot open
/// file: ...", "the file is N bytes; ... at most 2 GiB").
bool readProtoFile(const std::string &path, std::string &bytes,
                   std::string &error);

/// Parses binary `bytes` as `proto`: the whole input, within protobuf's
/// 2 GiB and kMaxProtoNesting.
bool parseBinaryProto(const std::string &bytes,
                      google::protobuf::Message &proto);

/// Parses text-format `bytes` as `proto`, nesting at most kMaxProtoNesting
/// deep; on failure `error` is the first problem ("text format error at
/// line L, column C: ...").
bool parseTextProto(const std::string &bytes, google::protobuf::Message &proto,
                    std::string &error);

} // namespace graphc::tf::detail

#endif // GRAPHC_LIB_IMPORT_PROTOFILE_H
