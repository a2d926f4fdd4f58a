//===- GraphMiscOps.h - TF arithmetic of the misc ops -----------*- C++ -*-===//
//
// The scalar arithmetic TensorFlow's kernels use for resize source
// coordinates (image_resizer_state.h, resize_bilinear_op.cc,
// resize_nearest_neighbor_op.cc) and for Dequantize scales
// (dequantize_op.cc, quantization_utils.h), computed once on the host in
// float exactly as TF does. The folders (GraphMiscOps.cpp) and the lowering
// (lib/Conversion/GraphToLinalg/MiscPatterns.cpp) share it, so a folded
// constant and generated code agree bit for bit.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_GRAPHMISCOPS_H
#define GRAPH_GRAPHMISCOPS_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace graphc::graph {

//===----------------------------------------------------------------------===//
// Resize
//===----------------------------------------------------------------------===//

/// TF's CalculateResizeScale: (in - 1) / (out - 1) with align_corners (and
/// out > 1), else in / out, in float.
float getResizeScale(int64_t in, int64_t out, bool alignCorners);

/// One output row (or column) of ResizeBilinear: it blends source rows
/// `lower` and `upper`, `lerp` being the weight of `upper`.
struct BilinearTap {
  int64_t lower;
  int64_t upper;
  float lerp;
};

/// TF's compute_interpolation_weights for an `in` -> `out` resize: source
/// coordinate i * scale, or (i + 0.5) * scale - 0.5 with half_pixel_centers;
/// lower = max(floor, 0), upper = min(ceil, in - 1), lerp = coord - floor.
llvm::SmallVector<BilinearTap> getBilinearTaps(int64_t in, int64_t out,
                                               bool alignCorners,
                                               bool halfPixelCenters);

/// TF's compute_lerp: top = tl + (tr - tl) * x, bottom = bl + (br - bl) * x,
/// top + (bottom - top) * y, in float.
inline float blendBilinear(float topLeft, float topRight, float bottomLeft,
                           float bottomRight, float xLerp, float yLerp) {
  float top = topLeft + (topRight - topLeft) * xLerp;
  float bottom = bottomLeft + (bottomRight - bottomLeft) * xLerp;
  return top + (bottom - top) * yLerp;
}

/// The source row (or column) of each output row of ResizeNearestNeighbor:
/// min(round(i * scale), in - 1) with align_corners,
/// max(min(floor((i + 0.5) * scale), in - 1), 0) with half_pixel_centers,
/// else min(floor(i * scale), in - 1).
llvm::SmallVector<int64_t> getNearestSources(int64_t in, int64_t out,
                                             bool alignCorners,
                                             bool halfPixelCenters);

//===----------------------------------------------------------------------===//
// Dequantize
//===----------------------------------------------------------------------===//

/// Dequantize of one slice as TF evaluates it in float:
/// `((float(x) + inputOffset) * scale) + outputOffset`, each offset only
/// where the mode adds one.
struct DequantizeAffine {
  std::optional<float> inputOffset;
  float scale;
  std::optional<float> outputOffset;

  float apply(float x) const {
    if (inputOffset)
      x = x + *inputOffset;
    x = x * scale;
    if (outputOffset)
      x = x + *outputOffset;
    return x;
  }
};

/// The affine map of `mode` (MIN_COMBINED, MIN_FIRST, SCALED) for a
/// quantized type of `bits` bits (8, 16, 32), signed or not, and the range
/// [minRange, maxRange]; nullopt for an unknown mode or width.
std::optional<DequantizeAffine>
getDequantizeAffine(llvm::StringRef mode, unsigned bits, bool isSigned,
                    bool narrowRange, float minRange, float maxRange);

//===----------------------------------------------------------------------===//
// NonMaxSuppressionV2-V5: the rules their TableGen class forwards to
//===----------------------------------------------------------------------===//

/// TF's checks on the operands (boxes [N, 4], scores [N], an int32 scalar
/// max_output_size, float scalar thresholds; constant ones in range).
mlir::LogicalResult verifyNonMaxSuppression(mlir::Operation *op);

/// selected_indices (and V5's selected_scores) are [padded] or [?];
/// valid_outputs an int32 scalar.
mlir::LogicalResult refineNonMaxSuppression(mlir::Operation *op,
                                            std::optional<int64_t> padded);

/// max_output_size when `pad` and it is a constant.
std::optional<int64_t> getNonMaxSuppressionPaddedSize(mlir::Operation *op,
                                                      bool pad);

} // namespace graphc::graph

#endif // GRAPH_GRAPHMISCOPS_H
