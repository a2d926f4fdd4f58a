//===- opencv_runner.cpp - OpenCV DNN as a bench/compare peer -------------===//
//
// Loads a frozen TensorFlow GraphDef with cv::dnn::readNetFromTensorflow,
// single-threaded (cv::setNumThreads(1)), feeds one input from a raw file,
// and then serves requests on stdin, one per line, so that bench/compare can
// interleave its timed runs with the other engines':
//
//   opencv_runner MODEL.pb INPUT.raw DTYPE SHAPE [OUTPUT_LAYER]
//     DTYPE: float32 or int32 (converted to float, OpenCV's only input type)
//     SHAPE: 1x64x64x1, the graph's own (NHWC) input shape; a 4-D input is
//            transposed to the NCHW blob OpenCV wants
//     OUTPUT_LAYER: the layer whose output is returned (or the last layer
//            named OUTPUT_LAYER/...; default: the net's default output)
//   startup prints "ok" or "error: <reason>" (then exits 2)
//   run        one forward pass; prints its wall time in ms ("%.6f")
//   dump PATH  writes the last output to PATH: a line "D0 D1 ...\n" (OpenCV's
//              shape, NCHW for 4-D), then the float32 values; prints "ok"
//   rss        prints "VmHWM_kB N": this process's peak resident set so far
//   quit       exits 0
//
// Built by bench/compare with g++ `pkg-config --cflags --libs opencv4`.
//
//===----------------------------------------------------------------------===//

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/dnn.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char **argv) {
  if (argc < 5) {
    std::cout << "error: usage: opencv_runner MODEL.pb INPUT.raw DTYPE SHAPE [OUTPUT_LAYER]"
              << std::endl;
    return 2;
  }
  cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
  cv::setNumThreads(1);
  std::string model = argv[1], inputPath = argv[2], dtype = argv[3];
  std::vector<int> shape;
  {
    std::stringstream ss(argv[4]);
    std::string dim;
    while (std::getline(ss, dim, 'x'))
      shape.push_back(std::stoi(dim));
  }
  std::string outLayer = argc > 5 ? argv[5] : "";
  size_t count = 1;
  for (int d : shape)
    count *= d;
  std::vector<float> data(count);
  {
    std::ifstream in(inputPath, std::ios::binary);
    if (dtype == "float32") {
      in.read(reinterpret_cast<char *>(data.data()), count * 4);
    } else if (dtype == "int32") {
      std::vector<int32_t> ints(count);
      in.read(reinterpret_cast<char *>(ints.data()), count * 4);
      for (size_t i = 0; i < count; ++i)
        data[i] = float(ints[i]);
    } else {
      std::cout << "error: unsupported input dtype " << dtype << std::endl;
      return 2;
    }
    if (!in) {
      std::cout << "error: cannot read " << inputPath << std::endl;
      return 2;
    }
  }
  cv::Mat blob;
  if (shape.size() == 4) {
    // NHWC -> NCHW.
    int n = shape[0], h = shape[1], w = shape[2], c = shape[3];
    int dims[4] = {n, c, h, w};
    blob.create(4, dims, CV_32F);
    float *dst = blob.ptr<float>();
    for (int in = 0; in < n; ++in)
      for (int ih = 0; ih < h; ++ih)
        for (int iw = 0; iw < w; ++iw)
          for (int ic = 0; ic < c; ++ic)
            dst[((size_t(in) * c + ic) * h + ih) * w + iw] =
                data[((size_t(in) * h + ih) * w + iw) * c + ic];
  } else {
    blob = cv::Mat(int(shape.size()), shape.data(), CV_32F, data.data()).clone();
  }

  cv::dnn::Net net;
  cv::Mat out;
  try {
    net = cv::dnn::readNetFromTensorflow(model);
    net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    if (!outLayer.empty() && net.getLayerId(outLayer) < 0) {
      // OpenCV fuses some nodes into their producer, which keeps a name
      // under the fetch's ("X/BiasAdd" -> "X/BiasAdd/_unfused_base"): take
      // the last such layer, else the net's default output.
      std::string found;
      for (const std::string &name : net.getLayerNames())
        if (name.rfind(outLayer + "/", 0) == 0)
          found = name;
      outLayer = found;
    }
    net.setInput(blob);
    out = outLayer.empty() ? net.forward() : net.forward(outLayer);
  } catch (const cv::Exception &e) {
    std::string msg = e.what();
    for (char &ch : msg)
      if (ch == '\n')
        ch = ' ';
    std::cout << "error: " << msg << std::endl;
    return 2;
  }
  std::cout << "ok" << std::endl;

  std::string line;
  while (std::getline(std::cin, line)) {
    if (line == "run") {
      auto t0 = std::chrono::steady_clock::now();
      net.setInput(blob);
      out = outLayer.empty() ? net.forward() : net.forward(outLayer);
      auto t1 = std::chrono::steady_clock::now();
      std::printf("%.6f\n",
                  std::chrono::duration<double, std::milli>(t1 - t0).count());
      std::fflush(stdout);
    } else if (line.rfind("dump ", 0) == 0) {
      std::ofstream f(line.substr(5), std::ios::binary);
      cv::Mat c = out.isContinuous() ? out : out.clone();
      for (int d = 0; d < c.dims; ++d)
        f << (d ? " " : "") << c.size[d];
      f << "\n";
      f.write(reinterpret_cast<const char *>(c.ptr<float>()), c.total() * 4);
      f.close();
      std::cout << (f ? "ok" : "error: cannot write the output") << std::endl;
    } else if (line == "rss") {
      std::ifstream status("/proc/self/status");
      std::string l, kb = "-1";
      while (std::getline(status, l))
        if (l.rfind("VmHWM:", 0) == 0)
          kb = std::to_string(std::stol(l.substr(6)));
      std::cout << "VmHWM_kB " << kb << std::endl;
    } else if (line == "quit") {
      return 0;
    } else {
      std::cout << "error: unknown request '" << line << "'" << std::endl;
    }
  }
  return 0;
}
