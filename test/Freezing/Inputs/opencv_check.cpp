//===- opencv_check.cpp - run a GraphDef with OpenCV's DNN module ---------===//
//
// Test helper: proves that a frozen GraphDef written by graphc is loadable by
// another tool, and that it computes the same numbers. Loads MODEL.pb with
// cv::dnn::readNetFromTensorflow, feeds float32 .npy inputs, runs the fetches
// and prints them; with a reference, compares them the way `graph-run
// --expect` does (|a - b| <= atol + rtol * |b|) and prints the same line:
//
//   opencv_check MODEL.pb [--nhwc] --input NAME=IN.npy... --fetch NAME[=REF.npy]...
//                [--atol A] [--rtol R]
//   (--fetch -=REF.npy: the network's output layer, for graphs whose fetch is
//   an Identity node, which OpenCV does not keep as a layer)
//   NAME: float32 [1,4] 0.45 0.017 ...
//   NAME: max_abs_err=1.2e-07 max_rel_err=3e-07 mismatches=0/4
//
// OpenCV holds 4-D blobs as NCHW whatever the graph's layout; with --nhwc,
// 4-D inputs are NHWC arrays (as the graph takes them) and 4-D outputs are
// compared and printed as NHWC. Exit status: 0 all match, 1 a mismatch, 2 an
// error (unreadable file, OpenCV refusing the graph).
//
// Built by the lit tests with g++ `pkg-config --cflags --libs opencv4`.
//
//===----------------------------------------------------------------------===//

#include <opencv2/dnn.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Array {
  std::vector<int> shape;
  std::vector<float> data;
};

[[noreturn]] void fail(const std::string &message) {
  std::cerr << "error: " << message << "\n";
  std::exit(2);
}

/// Reads a little-endian float32, C-order .npy file (format 1.0 or 2.0).
Array readNpy(const std::string &path) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    fail(path + ": cannot open file");
  char magic[8];
  if (!file.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0)
    fail(path + ": not a .npy file");
  uint32_t headerLen = 0;
  unsigned char len[4] = {0, 0, 0, 0};
  if (magic[6] == 1) {
    file.read(reinterpret_cast<char *>(len), 2);
    headerLen = len[0] | (len[1] << 8);
  } else {
    file.read(reinterpret_cast<char *>(len), 4);
    headerLen = len[0] | (len[1] << 8) | (len[2] << 16) | (len[3] << 24);
  }
  std::string header(headerLen, '\0');
  if (!file.read(header.data(), headerLen))
    fail(path + ": truncated header");
  if (header.find("'descr': '<f4'") == std::string::npos)
    fail(path + ": only float32 arrays are supported");
  if (header.find("'fortran_order': True") != std::string::npos)
    fail(path + ": Fortran-order arrays are not supported");
  size_t open = header.find('(', header.find("'shape'"));
  size_t close = header.find(')', open);
  if (open == std::string::npos || close == std::string::npos)
    fail(path + ": no shape in the header");
  Array array;
  std::stringstream dims(header.substr(open + 1, close - open - 1));
  std::string dim;
  size_t count = 1;
  while (std::getline(dims, dim, ','))
    if (dim.find_first_not_of(' ') != std::string::npos) {
      array.shape.push_back(std::stoi(dim));
      count *= array.shape.back();
    }
  array.data.resize(count);
  if (!file.read(reinterpret_cast<char *>(array.data.data()),
                 count * sizeof(float)))
    fail(path + ": truncated data");
  return array;
}

/// Permutes a 4-D array: perm[i] is the source axis of result axis i.
Array transpose4(const Array &in, const int perm[4]) {
  Array out;
  for (int i = 0; i < 4; ++i)
    out.shape.push_back(in.shape[perm[i]]);
  out.data.resize(in.data.size());
  int stride[4];
  stride[3] = 1;
  for (int i = 2; i >= 0; --i)
    stride[i] = stride[i + 1] * in.shape[i + 1];
  size_t k = 0;
  int idx[4];
  for (idx[0] = 0; idx[0] < out.shape[0]; ++idx[0])
    for (idx[1] = 0; idx[1] < out.shape[1]; ++idx[1])
      for (idx[2] = 0; idx[2] < out.shape[2]; ++idx[2])
        for (idx[3] = 0; idx[3] < out.shape[3]; ++idx[3]) {
          size_t src = 0;
          for (int i = 0; i < 4; ++i)
            src += size_t(idx[i]) * stride[perm[i]];
          out.data[k++] = in.data[src];
        }
  return out;
}

std::string shapeText(const std::vector<int> &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}

std::pair<std::string, std::string> splitAt(const std::string &text,
                                            char sep) {
  size_t pos = text.find(sep);
  if (pos == std::string::npos)
    return {text, ""};
  return {text.substr(0, pos), text.substr(pos + 1)};
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2)
    fail("usage: opencv_check MODEL.pb [--nhwc] --input NAME=IN.npy... "
         "--fetch NAME[=REF.npy]... [--atol A] [--rtol R]");
  std::string model = argv[1];
  bool nhwc = false;
  double atol = 1e-5, rtol = 1e-5;
  std::vector<std::pair<std::string, std::string>> inputs, fetches;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc)
        fail(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--nhwc")
      nhwc = true;
    else if (arg == "--input")
      inputs.push_back(splitAt(value(), '='));
    else if (arg == "--fetch")
      fetches.push_back(splitAt(value(), '='));
    else if (arg == "--atol")
      atol = std::stod(value());
    else if (arg == "--rtol")
      rtol = std::stod(value());
    else
      fail("unknown argument '" + arg + "'");
  }
  if (fetches.empty())
    fail("no --fetch given");

  static const int toNCHW[4] = {0, 3, 1, 2}, toNHWC[4] = {0, 2, 3, 1};
  bool mismatch = false;
  try {
    cv::dnn::Net net = cv::dnn::readNetFromTensorflow(model);
    net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    std::vector<Array> held; // setInput copies, but keep the data alive
    for (auto &[name, path] : inputs) {
      Array array = readNpy(path);
      if (nhwc && array.shape.size() == 4)
        array = transpose4(array, toNCHW);
      held.push_back(array);
      cv::Mat blob(static_cast<int>(held.back().shape.size()),
                   held.back().shape.data(), CV_32F, held.back().data.data());
      net.setInput(blob, name);
    }
    // OpenCV drops Identity nodes, so a fetch that is one has no layer:
    // "-" stands for the network's (first) output layer.
    std::vector<std::string> names;
    for (auto &fetch : fetches)
      names.push_back(fetch.first == "-"
                          ? net.getUnconnectedOutLayersNames().at(0)
                          : fetch.first);
    std::vector<cv::Mat> outputs;
    net.forward(outputs, names);
    for (size_t j = 0; j < fetches.size(); ++j) {
      cv::Mat mat = outputs[j].isContinuous() ? outputs[j] : outputs[j].clone();
      if (mat.type() != CV_32F)
        fail(names[j] + ": OpenCV returned a non-float32 output");
      Array actual;
      actual.shape.assign(mat.size.p, mat.size.p + mat.dims);
      actual.data.assign(mat.ptr<float>(), mat.ptr<float>() + mat.total());
      if (nhwc && actual.shape.size() == 4)
        actual = transpose4(actual, toNHWC);
      std::printf("%s: float32 %s", names[j].c_str(),
                  shapeText(actual.shape).c_str());
      for (size_t k = 0; k < actual.data.size() && k < 8; ++k)
        std::printf(" %g", actual.data[k]);
      std::printf("%s\n", actual.data.size() > 8 ? " ..." : "");
      if (fetches[j].second.empty())
        continue;
      Array expected = readNpy(fetches[j].second);
      if (expected.data.size() != actual.data.size())
        fail(names[j] + ": OpenCV gives " + std::to_string(actual.data.size()) +
             " values, the reference has " +
             std::to_string(expected.data.size()));
      double maxAbs = 0, maxRel = 0;
      size_t bad = 0;
      for (size_t k = 0; k < actual.data.size(); ++k) {
        double a = actual.data[k], b = expected.data[k];
        double err = std::fabs(a - b);
        bool ok = err <= atol + rtol * std::fabs(b);
        if (std::isnan(a) || std::isnan(b))
          ok = std::isnan(a) && std::isnan(b), err = ok ? 0 : INFINITY;
        maxAbs = std::max(maxAbs, err);
        if (b != 0)
          maxRel = std::max(maxRel, err / std::fabs(b));
        bad += !ok;
      }
      std::printf("%s: max_abs_err=%g max_rel_err=%g mismatches=%zu/%zu\n",
                  names[j].c_str(), maxAbs, maxRel, bad, actual.data.size());
      mismatch |= bad != 0;
    }
  } catch (const cv::Exception &e) {
    fail(std::string("opencv: ") + e.what());
  }
  return mismatch ? 1 : 0;
}
