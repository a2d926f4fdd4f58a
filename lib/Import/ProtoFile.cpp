//===- ProtoFile.cpp - read a protobuf file, within protobuf's limit ------===//
//
// See ProtoFile.h.
//
//===----------------------------------------------------------------------===//
#include "ProtoFile.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>

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

bool parseBinaryProto(const std::string &bytes,
                      google::protobuf::Message &proto) {
  if (bytes.size() > kMaxProtoFileBytes)
    return false;
  google::protobuf::io::CodedInputStream input(
      reinterpret_cast<const uint8_t *>(bytes.data()),
      static_cast<int>(bytes.size()));
  input.SetTotalBytesLimit(INT_MAX);
  input.SetRecursionLimit(kMaxProtoNesting);
  return proto.ParseFromCodedStream(&input) && input.ConsumedEntireMessage();
}

namespace {
/// Keeps the text parser's first error as one line.
class FirstErrorCollector : public google::protobuf::io::ErrorCollector {
public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string &message) override {
    if (!error.empty())
      return;
    std::string text = message;
    if (!text.empty() && text.back() == '.')
      text.pop_back();
    error = "text format error at line " + std::to_string(line + 1) +
            ", column " + std::to_string(column + 1) + ": " + text;
  }

  std::string error;
};
} // namespace

bool parseTextProto(const std::string &bytes, google::protobuf::Message &proto,
                    std::string &error) {
  FirstErrorCollector collector;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&collector);
  parser.SetRecursionLimit(kMaxProtoNesting);
  if (parser.ParseFromString(bytes, &proto))
    return true;
  error = collector.error.empty() ? "text format error" : collector.error;
  return false;
}

} // namespace graphc::tf::detail
