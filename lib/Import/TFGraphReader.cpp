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

#include <google/protobuf/stubs/logging.h>
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

/// A binary parse also "succeeds" on many other protobuf messages (their
/// fields land in the unknown-field set). Call it a GraphDef only if it has
/// something a GraphDef has, or nothing at all (an empty graph).
static bool looksLikeGraphDef(const tensorflow::GraphDef &proto) {
  if (proto.node_size() > 0 || proto.has_library() || proto.has_versions())
    return true;
  return proto.GetReflection()->GetUnknownFields(proto).empty();
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
    if (!detail::parseTextProto(bytes, proto, error)) {
      error = "not a valid GraphDef (" + error + ")";
      return false;
    }
  } else if (!detail::parseBinaryProto(bytes, proto)) {
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
  if (!detail::parseBinaryProto(bytes, proto)) {
    // Maybe a text-format file with another extension.
    std::string textError;
    proto.Clear();
    if (!detail::parseTextProto(bytes, proto, textError)) {
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
