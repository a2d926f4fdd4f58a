//===- ProtoFile.cpp - read a protobuf file, within protobuf's limit ------===//
//
// See ProtoFile.h.
//
//===----------------------------------------------------------------------===//
#include "ProtoFile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace graphc::tf::detail {

bool readProtoFile(const std::string &path, std::string &bytes,
                   std::string &error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = std::string("cannot open file: ") + std::strerror(EISDIR);
    return false;
  }
  std::ifstream file(path, std::ios::in | std::ios::binary);
  if (!file) {
    error = std::string("cannot open file: ") + std::strerror(errno);
    return false;
  }
  file.seekg(0, std::ios::end);
  std::streamoff size = file.tellg();
  file.seekg(0, std::ios::beg);
  if (size < 0) {
    error = std::string("cannot read file: ") + std::strerror(errno);
    return false;
  }
  if (static_cast<uint64_t>(size) > kMaxProtoFileBytes) {
    error = "the file is " + std::to_string(size) +
            " bytes; a protobuf message (GraphDef, MetaGraphDef, SavedModel) "
            "is at most 2 GiB, so it cannot be one";
    return false;
  }
  bytes.clear();
  if (size > 0) {
    bytes.resize(static_cast<size_t>(size));
    file.read(bytes.data(), size);
  }
  if (!file) {
    error = std::string("cannot read file: ") + std::strerror(errno);
    return false;
  }
  return true;
}

} // namespace graphc::tf::detail
