// Runs three graphc-compiled models from one program: the example MLP, the
// same graph compiled again from its hidden layer (mlp_head), and a second
// model (affine), on a [1, 8] float32 input read from a .npy file. Prints
// each output as `NAME: v0 v1 ...`.
#include "affine.h"
#include "mlp.h"
#include "mlp_head.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

/// The float32 data of a little-endian .npy file (format 1.0/2.0), or empty.
std::vector<float> readNpy(const char *path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  if (bytes.size() < 12 || bytes.compare(0, 6, "\x93NUMPY") != 0)
    return {};
  bool v1 = bytes[6] == 1;
  size_t headerLen =
      v1 ? size_t(uint8_t(bytes[8])) | size_t(uint8_t(bytes[9])) << 8
         : size_t(uint8_t(bytes[8])) | size_t(uint8_t(bytes[9])) << 8 |
               size_t(uint8_t(bytes[10])) << 16 |
               size_t(uint8_t(bytes[11])) << 24;
  size_t start = (v1 ? 10 : 12) + headerLen;
  if (bytes.find("'<f4'", 0) == std::string::npos || start > bytes.size())
    return {};
  std::vector<float> data((bytes.size() - start) / sizeof(float));
  std::memcpy(data.data(), bytes.data() + start, data.size() * sizeof(float));
  return data;
}

void print(const char *name, const float *v, int n) {
  std::printf("%s:", name);
  for (int i = 0; i < n; ++i)
    std::printf(" %.9g", v[i]);
  std::printf("\n");
}

} // namespace

int main(int argc, char **argv) {
  std::vector<float> x = argc == 2 ? readNpy(argv[1]) : std::vector<float>();
  if (x.size() != mlp_INPUT_0_NUM_ELEMENTS) {
    std::fprintf(stderr, "usage: %s X.npy (float32 [1, 8])\n", argv[0]);
    return 2;
  }
  float hidden[mlp_OUTPUT_0_NUM_ELEMENTS], probs[mlp_OUTPUT_1_NUM_ELEMENTS];
  const void *mlpIn[] = {x.data()};
  void *mlpOut[] = {hidden, probs};
  float headProbs[mlp_head_OUTPUT_0_NUM_ELEMENTS];
  const void *headIn[] = {hidden};
  void *headOut[] = {headProbs};
  float y[affine_OUTPUT_0_NUM_ELEMENTS];
  const void *affineIn[] = {x.data()};
  void *affineOut[] = {y};
  if (mlp(mlpIn, mlpOut) || mlp_head(headIn, headOut) ||
      affine(affineIn, affineOut)) {
    std::fprintf(stderr, "a model call failed\n");
    return 1;
  }
  print("probs", probs, mlp_OUTPUT_1_NUM_ELEMENTS);
  print("head", headProbs, mlp_head_OUTPUT_0_NUM_ELEMENTS);
  print("affine", y, affine_OUTPUT_0_NUM_ELEMENTS);
  return 0;
}
