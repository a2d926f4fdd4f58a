//===- TFGraphReader.cpp - Read GraphDef files (binary and text) ----------===//
//
// Entry points of TFGraph.h: reads a GraphDef from a file or from bytes,
// in TensorFlow's binary protobuf encoding (.pb) or its text format (.pbtxt),
// and converts it to graphc::tf structs. Every failure, including garbage or
// truncated input, becomes a one-line error; nothing is thrown and protobuf's
// own logging is kept off stderr.
//
//===----------------------------------------------------------------------===//

#include "ProtoConvert.h"

#include "graphc/Import/TFGraph.h"

#include "proto/graph.pb.h"

#include "ProtoFile.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/unknown_field_set.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace graphc::tf {

static const char *const kNotAGraphDef =
    "not a valid GraphDef (truncated or not a protobuf file)";
static const char *const kOtherMessage =
    "not a valid GraphDef (protobuf data of some other message type)";

namespace {
/// Keeps the first text-format error, with 1-based line and column.
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

static bool parseBinary(const std::string &bytes, tensorflow::GraphDef &proto) {
  if (bytes.size() > static_cast<size_t>(INT_MAX))
    return false; // Protobuf messages are limited to 2 GiB.
  google::protobuf::io::CodedInputStream input(
      reinterpret_cast<const uint8_t *>(bytes.data()),
      static_cast<int>(bytes.size()));
  input.SetTotalBytesLimit(INT_MAX);
  return proto.ParseFromCodedStream(&input) && input.ConsumedEntireMessage();
}

/// A binary parse also "succeeds" on many other protobuf messages (their
/// fields land in the unknown-field set). Call it a GraphDef only if it has
/// something a GraphDef has, or nothing at all (an empty graph).
static bool looksLikeGraphDef(const tensorflow::GraphDef &proto) {
  if (proto.node_size() > 0 || proto.has_library() || proto.has_versions())
    return true;
  return proto.GetReflection()->GetUnknownFields(proto).empty();
}

static bool parseText(const std::string &bytes, tensorflow::GraphDef &proto,
                      std::string &error) {
  FirstErrorCollector collector;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&collector);
  if (parser.ParseFromString(bytes, &proto))
    return true;
  error = collector.error.empty() ? "text format error" : collector.error;
  return false;
}

/// True if the first bytes contain no control characters other than
/// whitespace: then a failed parse is better explained by the text parser.
static bool looksLikeText(const std::string &bytes) {
  size_t end = std::min<size_t>(bytes.size(), 4096);
  for (size_t i = 0; i < end; ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)
      return false;
  }
  return true;
}

static bool hasTextExtension(const std::string &path) {
  for (const char *ext : {".pbtxt", ".pbtext", ".txt"}) {
    size_t len = std::strlen(ext);
    if (path.size() >= len && path.compare(path.size() - len, len, ext) == 0)
      return true;
  }
  return false;
}

bool parseGraphDef(const std::string &bytes, bool textFormat, GraphDef &graph,
                   std::string &error) {
  google::protobuf::LogSilencer silenceProtobufLogging;
  tensorflow::GraphDef proto;
  if (textFormat) {
    if (!parseText(bytes, proto, error)) {
      error = "not a valid GraphDef (" + error + ")";
      return false;
    }
  } else if (!parseBinary(bytes, proto)) {
    error = kNotAGraphDef;
    return false;
  } else if (!looksLikeGraphDef(proto)) {
    error = kOtherMessage;
    return false;
  }
  return detail::convertGraphDef(proto, graph, error);
}

bool readGraphDef(const std::string &path, GraphDef &graph,
                  std::string &error) {
  std::string bytes;
  if (!detail::readProtoFile(path, bytes, error))
    return false;

  if (hasTextExtension(path))
    return parseGraphDef(bytes, /*textFormat=*/true, graph, error);

  google::protobuf::LogSilencer silenceProtobufLogging;
  tensorflow::GraphDef proto;
  if (!parseBinary(bytes, proto)) {
    // Maybe a text-format file with another extension.
    std::string textError;
    proto.Clear();
    if (!parseText(bytes, proto, textError)) {
      error = looksLikeText(bytes) ? "not a valid GraphDef (" + textError + ")"
                                   : kNotAGraphDef;
      return false;
    }
  } else if (!looksLikeGraphDef(proto)) {
    error = kOtherMessage;
    return false;
  }
  return detail::convertGraphDef(proto, graph, error);
}

} // namespace graphc::tf
