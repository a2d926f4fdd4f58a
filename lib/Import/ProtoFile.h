//===- ProtoFile.h - read a protobuf file, within protobuf's limit -*- C++ -*-===//
//
// Private to GraphcTFProto: the GraphDef, MetaGraphDef and SavedModel
// readers read their file whole. protobuf parses at most 2 GiB per
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

namespace graphc::tf::detail {

/// protobuf's limit on one serialized message (INT_MAX bytes).
inline constexpr uint64_t kMaxProtoFileBytes = INT_MAX;

/// Reads `path` into `bytes`; false with a one-line `error` ("cannot open
/// file: ...", "the file is N bytes; ... at most 2 GiB").
bool readProtoFile(const std::string &path, std::string &bytes,
                   std::string &error);

} // namespace graphc::tf::detail

#endif // GRAPHC_LIB_IMPORT_PROTOFILE_H
