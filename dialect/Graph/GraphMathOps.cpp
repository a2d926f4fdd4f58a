//===- GraphMathOps.cpp - verifiers, folders, shapes of math ops ----------===//
//
// Elementwise math (Add, Sub, Mul, RealDiv and the rest), comparisons,
// Select, Cast and the reductions (Mean, Sum, ...): TF's shape rules as
// verifiers and shape functions, and constant folding. Folding matters
// beyond speed: Keras graphs compute Reshape targets from Shape ->
// StridedSlice -> Cast/Prod/comparison chains, which must fold to constants
// before shapes can be static.
//
// Folders compute what TF's CPU kernels compute, element by element: IEEE
// arithmetic in the element type (APFloat/APInt), libm functions in double
// rounded to the type, TF's integer semantics (wrapping, truncating casts).
// They decline anything TF leaves undefined (a float cast to an integer it
// does not fit, an integer to a negative power) and results larger than
// kMaxFoldElements (except Add, AddV2, Sub, Mul and RealDiv, whose folder,
// foldArithmetic, has never had that limit). Every broadcasting fold here
// (and Prelu's) walks the broadcast with forEachBroadcastElement
// (GraphShapeUtils.h).
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/APSInt.h"

#include <cmath>
#include <optional>
#include <variant>

using namespace mlir;
using namespace graphc::graph;

namespace {

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

/// Result 0 gets the broadcast shape of `operands` with `element`.
LogicalResult refineBroadcastOf(Operation *op, ValueRange operands,
                                Type element) {
  SmallVector<int64_t> shape;
  bool ranked;
  if (failed(broadcastShapes(op, operands, shape, ranked)))
    return failure();
  if (!ranked)
    return success();
  return refineResult(op, op->getResult(0),
                      RankedTensorType::get(shape, element));
}

/// The static type a fold must produce: the result's declared type, when
/// static and small enough (the constant materializer keeps types exact).
RankedTensorType getFoldType(Value result) {
  auto type = rankedOf(result);
  if (!type || !type.hasStaticShape() ||
      type.getNumElements() > kMaxFoldElements)
    return {};
  return type;
}

bool isUnsignedInt(Type t) { return t.isUnsignedInteger(); }

//===----------------------------------------------------------------------===//
// Elementwise folding over broadcast constants
//===----------------------------------------------------------------------===//

/// One element of a constant: APFloat for float types, APInt otherwise
/// (i1 included).
using Scalar = std::variant<APInt, APFloat>;

/// A constant operand of a broadcasting fold: its elements, and the shape
/// forEachBroadcastElement reads them in (empty for a splat, whose one
/// element every result element reads).
struct FoldOperand {
  SmallVector<Scalar> values;
  ArrayRef<int64_t> shape;
};

std::optional<FoldOperand> readOperand(Attribute attr,
                                       ArrayRef<int64_t> resultShape) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!dense || dense.getNumElements() > kMaxFoldElements)
    return std::nullopt;
  FoldOperand operand;
  ArrayRef<int64_t> shape = dense.getType().getShape();
  if (shape.size() > resultShape.size())
    return std::nullopt;
  if (isa<FloatType>(dense.getElementType())) {
    if (dense.isSplat())
      operand.values.push_back(dense.getSplatValue<APFloat>());
    else
      for (const APFloat &v : dense.getValues<APFloat>())
        operand.values.push_back(v);
  } else if (isa<IntegerType>(dense.getElementType())) {
    if (dense.isSplat())
      operand.values.push_back(dense.getSplatValue<APInt>());
    else
      for (const APInt &v : dense.getValues<APInt>())
        operand.values.push_back(v);
  } else {
    return std::nullopt;
  }
  if (!dense.isSplat())
    operand.shape = shape;
  return operand;
}

/// Builds the constant of `type` from scalars of its element type.
Attribute buildConstant(RankedTensorType type, ArrayRef<Scalar> values) {
  if (isa<FloatType>(type.getElementType())) {
    SmallVector<APFloat> floats;
    floats.reserve(values.size());
    for (const Scalar &s : values)
      floats.push_back(std::get<APFloat>(s));
    return DenseElementsAttr::get(type, floats);
  }
  SmallVector<APInt> ints;
  ints.reserve(values.size());
  for (const Scalar &s : values)
    ints.push_back(std::get<APInt>(s));
  return DenseElementsAttr::get(type, ints);
}

/// Computes `body` on every element of the broadcast of `operands` into the
/// static `resultType`. Null if an operand is not a constant or `body`
/// declines an element.
using ElementFn = llvm::function_ref<std::optional<Scalar>(ArrayRef<Scalar>)>;
Attribute foldElementwise(ArrayRef<Attribute> operands,
                          RankedTensorType resultType, ElementFn body) {
  if (!resultType)
    return {};
  ArrayRef<int64_t> shape = resultType.getShape();
  SmallVector<FoldOperand> inputs;
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Attribute attr : operands) {
    std::optional<FoldOperand> operand = readOperand(attr, shape);
    if (!operand)
      return {};
    inputs.push_back(std::move(*operand));
    shapes.push_back(inputs.back().shape);
  }
  SmallVector<Scalar> args, results;
  results.reserve(resultType.getNumElements());
  if (!forEachBroadcastElement(shape, shapes, [&](ArrayRef<int64_t> offsets) {
        args.clear();
        for (auto [in, offset] : llvm::zip(inputs, offsets))
          args.push_back(in.values[offset]);
        std::optional<Scalar> result = body(args);
        if (!result)
          return false;
        results.push_back(std::move(*result));
        return true;
      }))
    return {};
  return buildConstant(resultType, results);
}

const APFloat &asFloat(const Scalar &s) { return std::get<APFloat>(s); }
const APInt &asInt(const Scalar &s) { return std::get<APInt>(s); }

/// `value` rounded (to nearest even) to `semantics`.
APFloat convertTo(APFloat value, const llvm::fltSemantics &semantics) {
  bool lostInfo;
  value.convert(semantics, APFloat::rmNearestTiesToEven, &lostInfo);
  return value;
}

/// `fn(x)` computed in double and rounded to x's type.
APFloat applyInDouble(const APFloat &x, double (*fn)(double)) {
  double d = convertTo(x, APFloat::IEEEdouble()).convertToDouble();
  return convertTo(APFloat(fn(d)), x.getSemantics());
}

/// `value` (a double constant) in the semantics of `like`.
APFloat constantLike(const APFloat &like, double value) {
  return convertTo(APFloat(value), like.getSemantics());
}

APFloat add(APFloat a, const APFloat &b) {
  a.add(b, APFloat::rmNearestTiesToEven);
  return a;
}
APFloat sub(APFloat a, const APFloat &b) {
  a.subtract(b, APFloat::rmNearestTiesToEven);
  return a;
}
APFloat mul(APFloat a, const APFloat &b) {
  a.multiply(b, APFloat::rmNearestTiesToEven);
  return a;
}

/// A unary fold: `onFloat` for float elements, `onInt` (may be null: not
/// defined) for integer ones.
using FloatFn = llvm::function_ref<std::optional<APFloat>(const APFloat &)>;
using IntFn = llvm::function_ref<std::optional<APInt>(const APInt &)>;
Attribute foldUnary(Attribute operand, Value result, FloatFn onFloat,
                    IntFn onInt) {
  return foldElementwise(
      {operand}, getFoldType(result),
      [&](ArrayRef<Scalar> args) -> std::optional<Scalar> {
        if (std::holds_alternative<APFloat>(args[0])) {
          if (std::optional<APFloat> r = onFloat(asFloat(args[0])))
            return Scalar(*r);
          return std::nullopt;
        }
        if (!onInt || asInt(args[0]).getBitWidth() == 1)
          return std::nullopt;
        if (std::optional<APInt> r = onInt(asInt(args[0])))
          return Scalar(*r);
        return std::nullopt;
      });
}

/// A binary fold with broadcasting, same element type in and out.
using FloatFn2 = llvm::function_ref<std::optional<APFloat>(const APFloat &,
                                                           const APFloat &)>;
using IntFn2 =
    llvm::function_ref<std::optional<APInt>(const APInt &, const APInt &)>;
Attribute foldBinary(Attribute x, Attribute y, Value result, FloatFn2 onFloat,
                     IntFn2 onInt) {
  return foldElementwise(
      {x, y}, getFoldType(result),
      [&](ArrayRef<Scalar> args) -> std::optional<Scalar> {
        if (std::holds_alternative<APFloat>(args[0])) {
          if (std::optional<APFloat> r =
                  onFloat(asFloat(args[0]), asFloat(args[1])))
            return Scalar(*r);
          return std::nullopt;
        }
        if (asInt(args[0]).getBitWidth() == 1)
          return std::nullopt; // bool arithmetic is not TF's
        if (std::optional<APInt> r = onInt(asInt(args[0]), asInt(args[1])))
          return Scalar(*r);
        return std::nullopt;
      });
}

/// Three-way comparison result of two elements; nullopt when unordered
/// (a NaN operand).
std::optional<int> compareScalars(const Scalar &a, const Scalar &b,
                                  bool isUnsigned) {
  if (std::holds_alternative<APFloat>(a)) {
    switch (asFloat(a).compare(asFloat(b))) {
    case APFloat::cmpLessThan:
      return -1;
    case APFloat::cmpEqual:
      return 0;
    case APFloat::cmpGreaterThan:
      return 1;
    case APFloat::cmpUnordered:
      return std::nullopt;
    }
  }
  const APInt &x = asInt(a), &y = asInt(b);
  if (x == y)
    return 0;
  bool less = isUnsigned || x.getBitWidth() == 1 ? x.ult(y) : x.slt(y);
  return less ? -1 : 1;
}

/// Comparison kinds, in the order of TF's ops.
enum class CompareKind {
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  Equal,
  NotEqual
};

Attribute foldCompare(CompareKind kind, Attribute x, Attribute y, Value lhs,
                      Value result) {
  bool isUnsigned = isUnsignedInt(elementOf(lhs));
  return foldElementwise(
      {x, y}, getFoldType(result),
      [&](ArrayRef<Scalar> args) -> std::optional<Scalar> {
        std::optional<int> c = compareScalars(args[0], args[1], isUnsigned);
        bool value = false;
        switch (kind) {
        case CompareKind::Less: value = c && *c < 0; break;
        case CompareKind::LessEqual: value = c && *c <= 0; break;
        case CompareKind::Greater: value = c && *c > 0; break;
        case CompareKind::GreaterEqual: value = c && *c >= 0; break;
        case CompareKind::Equal: value = c && *c == 0; break;
        case CompareKind::NotEqual: value = !c || *c != 0; break;
        }
        return Scalar(APInt(1, value));
      });
}

/// TF's Selu constants (selu_op / relu_op_functor.h).
constexpr double kSeluScale = 1.0507009873554804934193349852946;
constexpr double kSeluScaleAlpha = 1.7580993408473768599402175208123;

/// x < 0 (false for -0 and NaN).
bool isNegative(const APFloat &x) {
  return x.isNegative() && !x.isZero() && !x.isNaN();
}

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

/// Mantissa bits (with the hidden one) of a float type, as TF's
/// MantissaWidth counts them.
unsigned mantissaWidth(Type t) {
  return APFloat::semanticsPrecision(cast<FloatType>(t).getFloatSemantics());
}

/// The source/destination pairs for which TF's Truncate=true clears the
/// low source mantissa bits before casting (cast_op.h CAST_FUNCTORS):
/// f64 -> f32, f64 -> f16, f32 -> f16, f32 -> bf16. 0 for any other pair.
unsigned truncationBits(Type src, Type dst) {
  bool applies = (src.isF64() && (dst.isF32() || dst.isF16())) ||
                 (src.isF32() && (dst.isF16() || dst.isBF16()));
  return applies ? mantissaWidth(src) - mantissaWidth(dst) : 0;
}

/// TF's Cast of one element from `src` to `dst` (see CastOp's description),
/// or nullopt where TF's result is undefined.
std::optional<Scalar> castScalar(const Scalar &value, Type src, Type dst,
                                 bool truncate) {
  if (std::holds_alternative<APFloat>(value)) {
    APFloat x = asFloat(value);
    if (auto dstFloat = dyn_cast<FloatType>(dst)) {
      if (unsigned bits = truncate ? truncationBits(src, dst) : 0;
          bits && !x.isNaN()) {
        APInt raw = x.bitcastToAPInt();
        raw.clearLowBits(bits);
        x = APFloat(x.getSemantics(), raw);
      }
      return Scalar(convertTo(x, dstFloat.getFloatSemantics()));
    }
    unsigned width = dst.getIntOrFloatBitWidth();
    if (width == 1)
      return Scalar(APInt(1, !x.isZero()));
    llvm::APSInt result(width, isUnsignedInt(dst));
    bool exact;
    if (x.convertToInteger(result, APFloat::rmTowardZero, &exact) &
        APFloat::opInvalidOp)
      return std::nullopt; // NaN or out of range: undefined in TF (C++ UB)
    return Scalar(APInt(result));
  }
  const APInt &x = asInt(value);
  bool isSigned = x.getBitWidth() != 1 && !isUnsignedInt(src);
  if (auto dstFloat = dyn_cast<FloatType>(dst)) {
    APFloat result(dstFloat.getFloatSemantics());
    result.convertFromAPInt(x, isSigned, APFloat::rmNearestTiesToEven);
    return Scalar(result);
  }
  unsigned width = dst.getIntOrFloatBitWidth();
  if (width == 1)
    return Scalar(APInt(1, !x.isZero()));
  return Scalar(isSigned ? x.sextOrTrunc(width) : x.zextOrTrunc(width));
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// The reduction axes in `axesValue` (a constant) normalized to [0, rank),
/// sorted and unique; failure with an error naming the bad axis.
FailureOr<SmallVector<int64_t>> normalizeAxes(Operation *op,
                                              ArrayRef<int64_t> axes,
                                              int64_t rank) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes) {
    if (axis < -rank || axis >= rank)
      return op->emitOpError() << "reduction index " << axis
                               << " is out of range for rank " << rank;
    result.push_back(axis < 0 ? axis + rank : axis);
  }
  llvm::sort(result);
  result.erase(llvm::unique(result), result.end());
  return result;
}

/// The shape of reducing `input` over `axes` (normalized), keeping unit
/// dims when `keepDims`.
SmallVector<int64_t> reducedShape(ArrayRef<int64_t> input,
                                  ArrayRef<int64_t> axes, bool keepDims) {
  SmallVector<int64_t> dims;
  for (int64_t d = 0, e = input.size(); d < e; ++d) {
    if (!llvm::is_contained(axes, d))
      dims.push_back(input[d]);
    else if (keepDims)
      dims.push_back(1);
  }
  return dims;
}

} // namespace

LogicalResult graphc::graph::verifyReductionIndices(Operation *op,
                                                    Value indices) {
  auto type = rankedOf(indices);
  Type element = elementOf(indices);
  if (!element.isInteger(32) && !element.isInteger(64))
    return op->emitOpError() << "reduction_indices must be int32 or int64, got "
                             << element;
  if (type && type.getRank() > 1)
    return op->emitOpError() << "reduction_indices must be a scalar or 1-D, "
                             << "got " << type;
  return success();
}

LogicalResult graphc::graph::refineReduction(Operation *op, Value input,
                                             Value indices, bool keepDims) {
  auto inputType = rankedOf(input);
  auto axes = getConstantInts(indices);
  if (!inputType || !axes)
    return success();
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(op, *axes, inputType.getRank());
  if (failed(normalized))
    return failure();
  return refineResult(
      op, op->getResult(0),
      RankedTensorType::get(
          reducedShape(inputType.getShape(), *normalized, keepDims),
          inputType.getElementType()));
}

namespace {

enum class ReduceKind { Sum, Prod, Max, Min, All, Any };

/// Reduces the constant `inputAttr` over the constant axes, combining in
/// row-major input order (the order the lowering accumulates in). Sum and
/// Prod of f16/bf16 accumulate in f32, like the lowering.
Attribute foldReduction(ReduceKind kind, Attribute inputAttr,
                        Attribute axesAttr, Value result) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(inputAttr);
  auto axesConst = dyn_cast_or_null<DenseIntElementsAttr>(axesAttr);
  RankedTensorType resultType = getFoldType(result);
  if (!input || !axesConst || !resultType ||
      input.getNumElements() > kMaxFoldElements)
    return {};
  ArrayRef<int64_t> shape = input.getType().getShape();
  int64_t rank = shape.size();
  SmallVector<int64_t> axes;
  for (const APInt &a : axesConst.getValues<APInt>()) {
    int64_t axis = a.getSExtValue();
    if (axis < -rank || axis >= rank)
      return {};
    axes.push_back(axis < 0 ? axis + rank : axis);
  }
  // Strides of each input dim in the (flattened) result; 0 on reduced dims.
  SmallVector<int64_t> strides(rank, 0);
  int64_t stride = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    if (llvm::is_contained(axes, d))
      continue;
    strides[d] = stride;
    stride *= shape[d];
  }
  if (stride != resultType.getNumElements())
    return {};

  Type element = input.getElementType();
  if ((kind == ReduceKind::All || kind == ReduceKind::Any) !=
      element.isInteger(1))
    return {}; // All/Any take bools; the others do not
  bool isUnsigned = isUnsignedInt(element);
  SmallVector<Scalar> acc;
  acc.reserve(stride);
  if (auto floatType = dyn_cast<FloatType>(element)) {
    const llvm::fltSemantics &sem = floatType.getFloatSemantics();
    bool widen = (kind == ReduceKind::Sum || kind == ReduceKind::Prod) &&
                 floatType.getWidth() < 32;
    const llvm::fltSemantics &accSem = widen ? APFloat::IEEEsingle() : sem;
    APFloat init =
        kind == ReduceKind::Sum    ? APFloat::getZero(accSem)
        : kind == ReduceKind::Prod ? convertTo(APFloat(1.0), accSem)
                                   : APFloat::getInf(accSem,
                                                     kind == ReduceKind::Max);
    acc.assign(stride, Scalar(init));
    SmallVector<int64_t> index(rank, 0);
    for (APFloat v : input.getValues<APFloat>()) {
      int64_t out = 0;
      for (int64_t d = 0; d < rank; ++d)
        out += index[d] * strides[d];
      APFloat &a = std::get<APFloat>(acc[out]);
      if (widen)
        v = convertTo(v, accSem);
      switch (kind) {
      case ReduceKind::Sum: a = add(a, v); break;
      case ReduceKind::Prod: a = mul(a, v); break;
      case ReduceKind::Max: a = llvm::maximum(a, v); break;
      case ReduceKind::Min: a = llvm::minimum(a, v); break;
      case ReduceKind::All:
      case ReduceKind::Any: break; // bools only: not reached
      }
      for (int64_t d = rank - 1; d >= 0; --d) {
        if (++index[d] < shape[d])
          break;
        index[d] = 0;
      }
    }
    if (widen)
      for (Scalar &s : acc)
        s = convertTo(std::get<APFloat>(s), sem);
    return buildConstant(resultType, acc);
  }
  auto intType = dyn_cast<IntegerType>(element);
  bool logical = kind == ReduceKind::All || kind == ReduceKind::Any;
  if (!intType || (intType.getWidth() == 1) != logical)
    return {};
  unsigned width = intType.getWidth();
  APInt init = kind == ReduceKind::All    ? APInt(1, 1)
               : kind == ReduceKind::Any  ? APInt(1, 0)
               : kind == ReduceKind::Sum  ? APInt(width, 0)
               : kind == ReduceKind::Prod ? APInt(width, 1)
               : kind == ReduceKind::Max
                   ? (isUnsigned ? APInt::getMinValue(width)
                                 : APInt::getSignedMinValue(width))
                   : (isUnsigned ? APInt::getMaxValue(width)
                                 : APInt::getSignedMaxValue(width));
  acc.assign(stride, Scalar(init));
  SmallVector<int64_t> index(rank, 0);
  for (const APInt &v : input.getValues<APInt>()) {
    int64_t out = 0;
    for (int64_t d = 0; d < rank; ++d)
      out += index[d] * strides[d];
    APInt &a = std::get<APInt>(acc[out]);
    switch (kind) {
    case ReduceKind::Sum: a += v; break;
    case ReduceKind::Prod: a *= v; break;
    case ReduceKind::Max:
      if (isUnsigned ? v.ugt(a) : v.sgt(a))
        a = v;
      break;
    case ReduceKind::Min:
      if (isUnsigned ? v.ult(a) : v.slt(a))
        a = v;
      break;
    case ReduceKind::All: a &= v; break;
    case ReduceKind::Any: a |= v; break;
    }
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return buildConstant(resultType, acc);
}

} // namespace

//===----------------------------------------------------------------------===//
// ArgMax / ArgMin
//===----------------------------------------------------------------------===//

LogicalResult graphc::graph::verifyArgReduction(Operation *op,
                                                Value dimension,
                                                Value output) {
  auto dimType = rankedOf(dimension);
  Type dimElement = elementOf(dimension);
  if (!dimElement.isInteger(32) && !dimElement.isInteger(64))
    return op->emitOpError() << "dimension must be int32 or int64, got "
                             << dimElement;
  // TF requires a scalar; TF.js's converter also writes 1-element vectors
  // (movenet), which TF.js accepts.
  if (dimType && dimType.getRank() != 0 &&
      !(dimType.getRank() == 1 && dimType.getDimSize(0) == 1))
    return op->emitOpError() << "dimension must be a scalar (or a 1-element "
                             << "vector), got " << dimType;
  Type out = elementOf(output);
  if (!out.isInteger(16) && !out.isInteger(32) && !out.isInteger(64))
    return op->emitOpError() << "output_type must be int16, int32 or int64, "
                             << "got " << out;
  return success();
}

namespace {

/// The normalized constant dimension of an ArgMax/ArgMin of rank `rank`,
/// std::nullopt if not constant; failure (with an error) if out of range.
FailureOr<std::optional<int64_t>> getArgDimension(Operation *op,
                                                  Value dimension,
                                                  int64_t rank) {
  auto values = getConstantInts(dimension);
  if (!values || values->size() != 1)
    return std::optional<int64_t>();
  int64_t dim = (*values)[0];
  int64_t bound = std::max<int64_t>(rank, 1);
  if (dim < -bound || dim >= bound)
    return op->emitOpError() << "dimension " << dim
                             << " is out of range for rank " << rank;
  return std::optional<int64_t>(dim < 0 ? dim + bound : dim);
}

} // namespace

/// TF's ArgOpShape: the input shape without `dimension` (scalar for rank
/// <= 1).
LogicalResult graphc::graph::refineArgReduction(Operation *op, Value input,
                                                Value dimension) {
  auto inputType = rankedOf(input);
  if (!inputType)
    return success();
  Type out = elementOf(op->getResult(0));
  int64_t rank = inputType.getRank();
  FailureOr<std::optional<int64_t>> dim = getArgDimension(op, dimension, rank);
  if (failed(dim))
    return failure();
  if (rank <= 1)
    return refineResult(op, op->getResult(0), RankedTensorType::get({}, out));
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d < rank; ++d) {
    if (!*dim)
      dims.push_back(ShapedType::kDynamic);
    else if (d != **dim)
      dims.push_back(inputType.getDimSize(d));
  }
  if (!*dim)
    dims.pop_back();
  return refineResult(op, op->getResult(0), RankedTensorType::get(dims, out));
}

namespace {

/// The index of the largest (`isMax`) or smallest element along the
/// constant dimension, scanning in order from -inf/+inf (the integer
/// extremes) and taking strictly better values: the first index wins among
/// equal values and NaNs never win, like Eigen's argmax reducer TF uses.
Attribute foldArgReduction(bool isMax, Attribute inputAttr, Attribute dimAttr,
                           Value result) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(inputAttr);
  auto dimConst = dyn_cast_or_null<DenseIntElementsAttr>(dimAttr);
  RankedTensorType resultType = getFoldType(result);
  if (!input || !dimConst || !resultType || dimConst.getNumElements() != 1 ||
      input.getNumElements() > kMaxFoldElements ||
      input.getNumElements() == 0)
    return {};
  ArrayRef<int64_t> shape = input.getType().getShape();
  int64_t rank = std::max<int64_t>(shape.size(), 1);
  int64_t dim = (*dimConst.getValues<APInt>().begin()).getSExtValue();
  if (dim < -rank || dim >= rank)
    return {};
  if (dim < 0)
    dim += rank;
  int64_t size = shape.empty() ? 1 : shape[dim];
  int64_t inner = 1;
  for (int64_t d = dim + 1; d < static_cast<int64_t>(shape.size()); ++d)
    inner *= shape[d];
  int64_t outer = input.getNumElements() / (size * inner);
  if (outer * inner != resultType.getNumElements())
    return {};
  Type element = input.getElementType();
  bool isUnsigned = isUnsignedInt(element);
  SmallVector<Scalar> values;
  std::optional<Scalar> init;
  if (auto floatType = dyn_cast<FloatType>(element)) {
    for (const APFloat &v : input.getValues<APFloat>())
      values.push_back(v);
    init = APFloat::getInf(floatType.getFloatSemantics(), /*Negative=*/isMax);
  } else if (auto intType = dyn_cast<IntegerType>(element);
             intType && intType.getWidth() > 1) {
    for (const APInt &v : input.getValues<APInt>())
      values.push_back(v);
    unsigned w = intType.getWidth();
    init = isMax ? (isUnsigned ? APInt::getMinValue(w)
                               : APInt::getSignedMinValue(w))
                 : (isUnsigned ? APInt::getMaxValue(w)
                               : APInt::getSignedMaxValue(w));
  } else {
    return {};
  }
  unsigned width = resultType.getElementType().getIntOrFloatBitWidth();
  SmallVector<Scalar> out;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      int64_t best = 0;
      Scalar bestValue = *init;
      for (int64_t k = 0; k < size; ++k) {
        const Scalar &v = values[(o * size + k) * inner + i];
        std::optional<int> c = compareScalars(v, bestValue, isUnsigned);
        if (c && (isMax ? *c > 0 : *c < 0)) {
          best = k;
          bestValue = v;
        }
      }
      out.push_back(Scalar(APInt(width, best)));
    }
  }
  return buildConstant(resultType, out);
}

} // namespace

//===----------------------------------------------------------------------===//
// Unary elementwise
//===----------------------------------------------------------------------===//

LogicalResult LogSoftmaxOp::refineResultTypes() {
  return refineSameAsOperand(*this);
}

LogicalResult LogSoftmaxOp::verify() {
  auto type = rankedOf(getLogits());
  if (type && type.getRank() < 1)
    return emitOpError() << "logits must have rank >= 1, got " << type;
  return success();
}

OpFoldResult EluOp::fold(FoldAdaptor adaptor) {
  // TF: x < 0 ? exp(x) - 1 : x, with exp in the element type.
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> {
        if (!isNegative(x))
          return x;
        return sub(applyInDouble(x, std::exp), constantLike(x, 1));
      },
      nullptr);
}

OpFoldResult SeluOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> {
        if (!isNegative(x))
          return mul(constantLike(x, kSeluScale), x);
        APFloat expm1 = sub(applyInDouble(x, std::exp), constantLike(x, 1));
        return mul(constantLike(x, kSeluScaleAlpha), expm1);
      },
      nullptr);
}

OpFoldResult ExpOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> {
        return applyInDouble(x, std::exp);
      },
      nullptr);
}

OpFoldResult LogOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> {
        return applyInDouble(x, std::log);
      },
      nullptr);
}

OpFoldResult SqrtOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> {
        return applyInDouble(x, std::sqrt);
      },
      nullptr);
}

OpFoldResult ErfOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> {
        return applyInDouble(x, std::erf);
      },
      nullptr);
}

OpFoldResult ErfcOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> {
        return applyInDouble(x, std::erfc);
      },
      nullptr);
}

static double reciprocalSqrt(double x) { return 1.0 / std::sqrt(x); }

OpFoldResult RsqrtOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> {
        return applyInDouble(x, reciprocalSqrt);
      },
      nullptr);
}

OpFoldResult SquareOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> { return mul(x, x); },
      [](const APInt &x) -> std::optional<APInt> { return x * x; });
}

OpFoldResult AbsOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> { return abs(x); },
      [&](const APInt &x) -> std::optional<APInt> {
        if (isUnsignedInt(elementOf(getX())))
          return x;
        return x.abs();
      });
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> { return neg(x); },
      [](const APInt &x) -> std::optional<APInt> { return -x; });
}

OpFoldResult FloorOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      adaptor.getX(), getY(),
      [](const APFloat &x) -> std::optional<APFloat> {
        APFloat r = x;
        r.roundToIntegral(APFloat::rmTowardNegative);
        return r;
      },
      nullptr);
}

OpFoldResult LeakyReluOp::fold(FoldAdaptor adaptor) {
  double alpha = getAlpha().convertToDouble();
  // TF: x > 0 ? x : x * alpha, alpha cast to the element type.
  return foldUnary(
      adaptor.getX(), getY(),
      [&](const APFloat &x) -> std::optional<APFloat> {
        if (x.compare(APFloat::getZero(x.getSemantics())) ==
            APFloat::cmpGreaterThan)
          return x;
        return mul(x, constantLike(x, alpha));
      },
      nullptr);
}

//===----------------------------------------------------------------------===//
// Binary arithmetic
//===----------------------------------------------------------------------===//

namespace {
enum class BinaryKind { Add, Sub, Mul, Div };

/// Computes `x <kind> y` elementwise with numpy broadcasting, or returns null
/// when either side is not a constant, the shapes are not static, or the
/// element type is one we do not fold. Unlike foldElementwise it folds to the
/// broadcast type whatever the declared type (unless that is static and
/// differs) and has no size limit, as it always has.
Attribute foldArithmetic(BinaryKind kind, Attribute xAttr, Attribute yAttr,
                         Type resultType) {
  auto x = dyn_cast_or_null<DenseElementsAttr>(xAttr);
  auto y = dyn_cast_or_null<DenseElementsAttr>(yAttr);
  if (!x || !y)
    return {};
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(x.getType().getShape(),
                                          y.getType().getShape(), shape))
    return {};
  Type elementType = x.getType().getElementType();
  auto outType = RankedTensorType::get(shape, elementType);
  if (auto declared = dyn_cast<RankedTensorType>(resultType))
    if (declared.hasStaticShape() && declared != outType)
      return {};
  // Two splats give a splat: one element computed, whatever the shape.
  // Otherwise the fold is bounded like the others (kMaxFoldElements).
  bool splat = x.isSplat() && y.isSplat();
  int64_t count = splat ? 1 : outType.getNumElements();
  if (count > kMaxFoldElements)
    return {};
  SmallVector<int64_t> walk = splat ? SmallVector<int64_t>() : shape;
  // Splats are read at their one element.
  SmallVector<ArrayRef<int64_t>> shapes = {
      x.isSplat() ? ArrayRef<int64_t>() : x.getType().getShape(),
      y.isSplat() ? ArrayRef<int64_t>() : y.getType().getShape()};

  if (isa<FloatType>(elementType)) {
    auto xv = x.getValues<APFloat>();
    auto yv = y.getValues<APFloat>();
    SmallVector<APFloat> out;
    out.reserve(count);
    forEachBroadcastElement(walk, shapes, [&](ArrayRef<int64_t> offsets) {
      APFloat a = xv[offsets[0]];
      APFloat b = yv[offsets[1]];
      switch (kind) {
      case BinaryKind::Add: a.add(b, APFloat::rmNearestTiesToEven); break;
      case BinaryKind::Sub: a.subtract(b, APFloat::rmNearestTiesToEven); break;
      case BinaryKind::Mul: a.multiply(b, APFloat::rmNearestTiesToEven); break;
      case BinaryKind::Div: a.divide(b, APFloat::rmNearestTiesToEven); break;
      }
      out.push_back(a);
      return true;
    });
    return DenseElementsAttr::get(outType, out);
  }
  if (auto intType = dyn_cast<IntegerType>(elementType)) {
    if (kind == BinaryKind::Div || intType.getWidth() == 1)
      return {}; // RealDiv is for floats; bool arithmetic is not TF's.
    auto xv = x.getValues<APInt>();
    auto yv = y.getValues<APInt>();
    SmallVector<APInt> out;
    out.reserve(count);
    forEachBroadcastElement(walk, shapes, [&](ArrayRef<int64_t> offsets) {
      APInt a = xv[offsets[0]];
      APInt b = yv[offsets[1]];
      out.push_back(kind == BinaryKind::Add   ? a + b
                    : kind == BinaryKind::Sub ? a - b
                                              : a * b);
      return true;
    });
    return DenseElementsAttr::get(outType, out);
  }
  return {};
}
} // namespace

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(BinaryKind::Add, adaptor.getX(), adaptor.getY(),
                        getType());
}
OpFoldResult AddV2Op::fold(FoldAdaptor adaptor) {
  return foldArithmetic(BinaryKind::Add, adaptor.getX(), adaptor.getY(),
                        getType());
}
OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(BinaryKind::Sub, adaptor.getX(), adaptor.getY(),
                        getType());
}
OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(BinaryKind::Mul, adaptor.getX(), adaptor.getY(),
                        getType());
}
OpFoldResult RealDivOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(BinaryKind::Div, adaptor.getX(), adaptor.getY(),
                        getType());
}



OpFoldResult MaximumOp::fold(FoldAdaptor adaptor) {
  bool isUnsigned = isUnsignedInt(elementOf(getX()));
  return foldBinary(
      adaptor.getX(), adaptor.getY(), getZ(),
      [](const APFloat &x, const APFloat &y) -> std::optional<APFloat> {
        return llvm::maximum(x, y);
      },
      [&](const APInt &x, const APInt &y) -> std::optional<APInt> {
        return (isUnsigned ? x.uge(y) : x.sge(y)) ? x : y;
      });
}

/// A fold of bools (foldUnary / foldBinary leave i1 alone: TF has no bool
/// arithmetic, but it has logic).
template <typename Fn>
static Attribute foldLogical(ArrayRef<Attribute> operands, Value result,
                             Fn fn) {
  return foldElementwise(
      operands, getFoldType(result),
      [&](ArrayRef<Scalar> args) -> std::optional<Scalar> {
        for (const Scalar &a : args)
          if (!std::holds_alternative<APInt>(a) ||
              asInt(a).getBitWidth() != 1)
            return std::nullopt;
        return Scalar(fn(args));
      });
}
OpFoldResult LogicalAndOp::fold(FoldAdaptor adaptor) {
  return foldLogical({adaptor.getX(), adaptor.getY()}, getZ(),
                     [](ArrayRef<Scalar> a) { return asInt(a[0]) & asInt(a[1]); });
}
OpFoldResult LogicalOrOp::fold(FoldAdaptor adaptor) {
  return foldLogical({adaptor.getX(), adaptor.getY()}, getZ(),
                     [](ArrayRef<Scalar> a) { return asInt(a[0]) | asInt(a[1]); });
}
OpFoldResult LogicalNotOp::fold(FoldAdaptor adaptor) {
  return foldLogical({adaptor.getX()}, getY(),
                     [](ArrayRef<Scalar> a) { return ~asInt(a[0]); });
}

OpFoldResult MinimumOp::fold(FoldAdaptor adaptor) {
  bool isUnsigned = isUnsignedInt(elementOf(getX()));
  return foldBinary(
      adaptor.getX(), adaptor.getY(), getZ(),
      [](const APFloat &x, const APFloat &y) -> std::optional<APFloat> {
        return llvm::minimum(x, y);
      },
      [&](const APInt &x, const APInt &y) -> std::optional<APInt> {
        return (isUnsigned ? x.ule(y) : x.sle(y)) ? x : y;
      });
}

OpFoldResult SquaredDifferenceOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getX(), adaptor.getY(), getZ(),
      [](const APFloat &x, const APFloat &y) -> std::optional<APFloat> {
        APFloat d = sub(x, y);
        return mul(d, d);
      },
      [](const APInt &x, const APInt &y) -> std::optional<APInt> {
        APInt d = x - y;
        return d * d;
      });
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  bool isUnsigned = isUnsignedInt(elementOf(getX()));
  return foldBinary(
      adaptor.getX(), adaptor.getY(), getZ(),
      [](const APFloat &x, const APFloat &y) -> std::optional<APFloat> {
        double a = convertTo(x, APFloat::IEEEdouble()).convertToDouble();
        double b = convertTo(y, APFloat::IEEEdouble()).convertToDouble();
        return convertTo(APFloat(std::pow(a, b)), x.getSemantics());
      },
      [&](const APInt &x, const APInt &y) -> std::optional<APInt> {
        if (!isUnsigned && y.isNegative())
          return std::nullopt; // TF refuses negative integer exponents
        APInt result(x.getBitWidth(), 1), base = x, e = y;
        for (; !e.isZero(); e.lshrInPlace(1)) {
          if (e[0])
            result *= base;
          base *= base;
        }
        return result;
      });
}


/// Integer division for the folders: truncated (or floored) quotient,
/// nullopt for a zero divisor (a run-time error in TF).
static std::optional<APInt> divideInts(const APInt &x, const APInt &y,
                                       bool isUnsigned, bool floor) {
  if (y.isZero())
    return std::nullopt;
  if (isUnsigned)
    return x.udiv(y);
  APInt q = x.sdiv(y);
  if (floor && !x.srem(y).isZero() && x.isNegative() != y.isNegative())
    q -= 1;
  return q;
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  bool isUnsigned = isUnsignedInt(elementOf(getX()));
  return foldBinary(
      adaptor.getX(), adaptor.getY(), getZ(),
      [](const APFloat &x, const APFloat &y) -> std::optional<APFloat> {
        APFloat q = x;
        q.divide(y, APFloat::rmNearestTiesToEven);
        return q;
      },
      [&](const APInt &x, const APInt &y) {
        return divideInts(x, y, isUnsigned, /*floor=*/false);
      });
}

OpFoldResult FloorDivOp::fold(FoldAdaptor adaptor) {
  bool isUnsigned = isUnsignedInt(elementOf(getX()));
  return foldBinary(
      adaptor.getX(), adaptor.getY(), getZ(),
      [](const APFloat &x, const APFloat &y) -> std::optional<APFloat> {
        APFloat q = x;
        q.divide(y, APFloat::rmNearestTiesToEven);
        q.roundToIntegral(APFloat::rmTowardNegative);
        return q;
      },
      [&](const APInt &x, const APInt &y) {
        return divideInts(x, y, isUnsigned, /*floor=*/true);
      });
}

OpFoldResult FloorModOp::fold(FoldAdaptor adaptor) {
  bool isUnsigned = isUnsignedInt(elementOf(getX()));
  // TF's floor_fmod / safe_floor_mod: the truncated remainder, plus y when
  // it is non-zero and its sign differs from y's.
  return foldBinary(
      adaptor.getX(), adaptor.getY(), getZ(),
      [](const APFloat &x, const APFloat &y) -> std::optional<APFloat> {
        APFloat r = x;
        r.mod(y);
        if (!r.isZero() && !r.isNaN() && r.isNegative() != y.isNegative())
          r = add(r, y);
        return r;
      },
      [&](const APInt &x, const APInt &y) -> std::optional<APInt> {
        if (y.isZero())
          return std::nullopt;
        if (isUnsigned)
          return x.urem(y);
        APInt r = x.srem(y);
        if (!r.isZero() && r.isNegative() != y.isNegative())
          r += y;
        return r;
      });
}

LogicalResult AddNOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "needs at least one input";
  Type element = elementOf(getSum());
  SmallVector<Type> types;
  for (Value input : getInputs()) {
    if (elementOf(input) != element)
      return emitOpError() << "input element type " << elementOf(input)
                           << " differs from the result's " << element;
    types.push_back(input.getType());
  }
  types.push_back(getSum().getType());
  if (failed(verifyCompatibleShapes(types)))
    return emitOpError() << "inputs and result must have the same shape";
  return success();
}

LogicalResult AddNOp::refineResultTypes() {
  for (Value input : getInputs())
    if (failed(refineResult(*this, getSum(), input.getType())))
      return failure();
  return success();
}

OpFoldResult AddNOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  SmallVector<Attribute> operands(adaptor.getInputs());
  return foldElementwise(
      operands, getFoldType(getSum()),
      [](ArrayRef<Scalar> args) -> std::optional<Scalar> {
        if (std::holds_alternative<APFloat>(args[0])) {
          APFloat sum = asFloat(args[0]);
          for (const Scalar &s : args.drop_front())
            sum = add(sum, asFloat(s));
          return Scalar(sum);
        }
        APInt sum = asInt(args[0]);
        if (sum.getBitWidth() == 1)
          return std::nullopt;
        for (const Scalar &s : args.drop_front())
          sum += asInt(s);
        return Scalar(sum);
      });
}

//===----------------------------------------------------------------------===//
// Comparisons
//===----------------------------------------------------------------------===//

/// Less/LessEqual/Greater/GreaterEqual are defined on numbers, not bools.
LogicalResult graphc::graph::verifyOrderedCompare(Operation *op) {
  if (elementOf(op->getOperand(0)).isInteger(1))
    return op->emitOpError() << "is not defined on bool operands";
  return verifyBroadcastable(op, op->getOperands());
}

LogicalResult graphc::graph::refineCompare(Operation *op) {
  return refineBroadcast(op, IntegerType::get(op->getContext(), 1));
}

OpFoldResult LessOp::fold(FoldAdaptor adaptor) {
  return foldCompare(CompareKind::Less, adaptor.getX(), adaptor.getY(),
                     getX(), getZ());
}
OpFoldResult LessEqualOp::fold(FoldAdaptor adaptor) {
  return foldCompare(CompareKind::LessEqual, adaptor.getX(), adaptor.getY(),
                     getX(), getZ());
}
OpFoldResult GreaterOp::fold(FoldAdaptor adaptor) {
  return foldCompare(CompareKind::Greater, adaptor.getX(), adaptor.getY(),
                     getX(), getZ());
}
OpFoldResult GreaterEqualOp::fold(FoldAdaptor adaptor) {
  return foldCompare(CompareKind::GreaterEqual, adaptor.getX(),
                     adaptor.getY(), getX(), getZ());
}
OpFoldResult EqualOp::fold(FoldAdaptor adaptor) {
  return foldCompare(CompareKind::Equal, adaptor.getX(), adaptor.getY(),
                     getX(), getZ());
}
OpFoldResult NotEqualOp::fold(FoldAdaptor adaptor) {
  return foldCompare(CompareKind::NotEqual, adaptor.getX(), adaptor.getY(),
                     getX(), getZ());
}

//===----------------------------------------------------------------------===//
// Select
//===----------------------------------------------------------------------===//

LogicalResult SelectOp::verify() {
  if (failed(verifyCompatibleShape(getT().getType(), getE().getType())))
    return emitOpError() << "t and e must have the same shape, got "
                         << getT().getType() << " and " << getE().getType();
  auto cond = rankedOf(getCondition());
  auto data = rankedOf(getT()) ? rankedOf(getT()) : rankedOf(getE());
  if (!cond || !data)
    return success();
  // A scalar condition picks t or e whole (TF's SelectOp allows it).
  if (cond.getRank() == 0)
    return success();
  if (cond.getRank() == 1 && data.getRank() >= 1) {
    if (!cond.isDynamicDim(0) && !data.isDynamicDim(0) &&
        cond.getDimSize(0) != data.getDimSize(0))
      return emitOpError() << "a 1-D condition must match dim 0 of t: "
                           << cond << " vs " << data;
    return success();
  }
  if (failed(verifyCompatibleShape(cond, data)))
    return emitOpError() << "condition must have the shape of t, or be 1-D "
                         << "matching its dim 0: " << cond << " vs " << data;
  return success();
}

LogicalResult SelectOp::refineResultTypes() {
  if (failed(refineResult(*this, getOutput(), getT().getType())) ||
      failed(refineResult(*this, getOutput(), getE().getType())))
    return failure();
  auto cond = rankedOf(getCondition());
  if (cond && cond.getRank() > 1) // a scalar or 1-D one says nothing more
    return refineResult(*this, getOutput(),
                        cond.clone(elementOf(getOutput())));
  return success();
}

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  if (getT() == getE() && getE().getType() == getType())
    return getE();
  RankedTensorType type = getFoldType(getOutput());
  auto cond = dyn_cast_or_null<DenseElementsAttr>(adaptor.getCondition());
  if (!type || !cond)
    return {};
  // A 1-D condition picks rows: read it through a [n, 1, ..., 1] view so
  // it broadcasts like SelectV2's.
  if (cond.getType().getRank() == 1 && type.getRank() > 1) {
    SmallVector<int64_t> shape(type.getRank(), 1);
    shape[0] = cond.getNumElements();
    cond = cond.reshape(cond.getType().clone(shape));
  }
  return foldElementwise(
      {cond, adaptor.getT(), adaptor.getE()}, type,
      [](ArrayRef<Scalar> args) -> std::optional<Scalar> {
        return asInt(args[0]).isZero() ? args[2] : args[1];
      });
}

LogicalResult SelectV2Op::verify() {
  return verifyBroadcastable(*this, getOperands());
}

LogicalResult SelectV2Op::refineResultTypes() {
  return refineBroadcastOf(*this, getOperands(), elementOf(getT()));
}

OpFoldResult SelectV2Op::fold(FoldAdaptor adaptor) {
  if (getT() == getE() && getE().getType() == getType())
    return getE();
  // A constant splat condition picks one side whole, constant or not (an
  // inlined If whose condition froze to a constant).
  if (auto cond = dyn_cast_or_null<DenseElementsAttr>(adaptor.getCondition());
      cond && cond.isSplat() && cond.getElementType().isInteger(1)) {
    Value side = cond.getSplatValue<bool>() ? getT() : getE();
    if (side.getType() == getType())
      return side;
  }
  return foldElementwise(
      {adaptor.getCondition(), adaptor.getT(), adaptor.getE()},
      getFoldType(getOutput()),
      [](ArrayRef<Scalar> args) -> std::optional<Scalar> {
        return asInt(args[0]).isZero() ? args[2] : args[1];
      });
}

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

LogicalResult CastOp::verify() {
  if (failed(verifyCompatibleShape(getX().getType(), getY().getType())))
    return emitOpError() << "result shape must be the operand's: "
                         << getX().getType() << " vs " << getY().getType();
  return success();
}

LogicalResult CastOp::refineResultTypes() {
  auto x = rankedOf(getX());
  if (!x)
    return success();
  return refineResult(*this, getY(), x.clone(elementOf(getY())));
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getX().getType() == getY().getType())
    return getX(); // TF's Cast to the same dtype forwards its input
  Type src = elementOf(getX()), dst = elementOf(getY());
  auto isScalarType = [](Type t) {
    return isa<FloatType>(t) || isa<IntegerType>(t);
  };
  if (!isScalarType(src) || !isScalarType(dst))
    return {};
  bool truncate = getTruncate();
  return foldElementwise(
      {adaptor.getX()}, getFoldType(getY()),
      [&](ArrayRef<Scalar> args) -> std::optional<Scalar> {
        return castScalar(args[0], src, dst, truncate);
      });
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

LogicalResult MeanOp::refineResultTypes() {
  auto input = rankedOf(getInput());
  auto axes = getConstantInts(getReductionIndices());
  if (!input || !axes)
    return success();
  int64_t rank = input.getRank();
  SmallVector<bool> reduced(rank, false);
  for (int64_t axis : *axes) {
    if (axis < -rank || axis >= rank)
      return emitOpError() << "reduction index " << axis
                           << " is out of range for rank " << rank;
    reduced[axis < 0 ? axis + rank : axis] = true;
  }
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d < rank; ++d) {
    if (!reduced[d])
      dims.push_back(input.getDimSize(d));
    else if (getKeepDims())
      dims.push_back(1);
  }
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(dims, input.getElementType()));
}

OpFoldResult SumOp::fold(FoldAdaptor adaptor) {
  return foldReduction(ReduceKind::Sum, adaptor.getInput(),
                       adaptor.getReductionIndices(), getOutput());
}
OpFoldResult ProdOp::fold(FoldAdaptor adaptor) {
  return foldReduction(ReduceKind::Prod, adaptor.getInput(),
                       adaptor.getReductionIndices(), getOutput());
}
OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  return foldReduction(ReduceKind::Max, adaptor.getInput(),
                       adaptor.getReductionIndices(), getOutput());
}
OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  return foldReduction(ReduceKind::Min, adaptor.getInput(),
                       adaptor.getReductionIndices(), getOutput());
}
OpFoldResult AllOp::fold(FoldAdaptor adaptor) {
  return foldReduction(ReduceKind::All, adaptor.getInput(),
                       adaptor.getReductionIndices(), getOutput());
}
OpFoldResult AnyOp::fold(FoldAdaptor adaptor) {
  return foldReduction(ReduceKind::Any, adaptor.getInput(),
                       adaptor.getReductionIndices(), getOutput());
}

OpFoldResult ArgMaxOp::fold(FoldAdaptor adaptor) {
  return foldArgReduction(/*isMax=*/true, adaptor.getInput(),
                          adaptor.getDimension(), getOutput());
}
OpFoldResult ArgMinOp::fold(FoldAdaptor adaptor) {
  return foldArgReduction(/*isMax=*/false, adaptor.getInput(),
                          adaptor.getDimension(), getOutput());
}

Attribute graphc::graph::foldFloatUnaryInDouble(Attribute x, Value result,
                                                double (*fn)(double)) {
  return foldUnary(
      x, result,
      [&](const APFloat &v) -> std::optional<APFloat> {
        return applyInDouble(v, fn);
      },
      nullptr);
}
