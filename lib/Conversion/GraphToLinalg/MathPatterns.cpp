//===- MathPatterns.cpp - lowering of the math op family ------------------===//
//
// The ops of dialect/Graph/GraphMathOps.td to linalg/arith/math on static
// tensors:
//  - elementwise math, comparisons, Select/SelectV2, AddN and Cast: one
//    all-parallel linalg.generic each, whose indexing maps do the
//    broadcasting (createElementwise / createGeneric from PatternUtils);
//  - Sum/Prod/Max/Min: linalg.reduce over the constant axes, then a
//    reshape for keep_dims; ArgMax/ArgMin: a linalg.generic reducing a
//    (value, index) pair; LogSoftmax: max-reduce, exp-sum-reduce, epilogue.
//
// Numerics are TF's CPU kernels' without fast-math: Elu/Selu use exp(x) - 1
// (not expm1) and TF's Selu constants, LeakyRelu is x > 0 ? x : x * alpha,
// Maximum/Minimum/Max/Min propagate NaN, Cast truncates floats toward zero
// and tests `!= 0` for bool, and Truncate=true clears the source's extra
// mantissa bits first. Integer arithmetic wraps. Sum/Prod of f16/bf16
// accumulate in f32. The ops TF's CPU kernels define on uint8 ... uint64
// (arithmetic but Abs/Neg/Pow/SquaredDifference, comparisons, Select, Cast,
// the reductions) take them, computing on signless integers with the
// unsigned arith ops (divui, remui, maxui, ult, uitofp, extui, ...).
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

#include "Graph/GraphOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph_to_linalg {
namespace {

/// TF's Selu constants (relu_op_functor.h).
constexpr double kSeluScale = 1.0507009873554804934193349852946;
constexpr double kSeluScaleAlpha = 1.7580993408473768599402175208123;

Type elementOf(Value v) { return getStaticType(v).getElementType(); }

/// "" if elementwise arithmetic handles `element`: floats, and integers wider
/// than i1 when `allowInt`.
std::string checkArithType(Type element, bool allowInt) {
  if (isSupportedFloat(element) || (allowInt && isComputeType(element)))
    return "";
  return describeElementType(element) + " is not supported" +
         (allowInt ? "" : " (floating-point only)");
}

//===----------------------------------------------------------------------===//
// Scalar bodies
//===----------------------------------------------------------------------===//

bool isFloat(Value v) { return isa<FloatType>(v.getType()); }

/// exp(x) - 1, as TF's Elu and Selu compute it.
Value buildExpMinusOne(OpBuilder &b, Location loc, Value x) {
  Value exp = math::ExpOp::create(b, loc, x);
  return arith::SubFOp::create(b, loc, exp,
                               createScalar(b, loc, x.getType(), 1));
}

Value buildIsNegative(OpBuilder &b, Location loc, Value x) {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                               createScalar(b, loc, x.getType(), 0));
}

/// x to the power y for integers: square-and-multiply over every bit of y
/// (unrolled; integer Pow is rare). TF refuses negative exponents at run
/// time; here they give math.ipowi's answer (1 for x = 1, +-1 for x = -1,
/// else 0).
Value buildIntPow(OpBuilder &b, Location loc, Value x, Value y) {
  Type type = x.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  Value one = createScalar(b, loc, type, 1);
  Value zero = createScalar(b, loc, type, 0);
  Value result = one, base = x, exponent = y;
  for (unsigned i = 0; i < width; ++i) {
    Value bit = arith::AndIOp::create(b, loc, exponent, one);
    Value isSet = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, bit,
                                        zero);
    Value product = arith::MulIOp::create(b, loc, result, base);
    result = arith::SelectOp::create(b, loc, isSet, product, result);
    if (i + 1 < width) {
      base = arith::MulIOp::create(b, loc, base, base);
      exponent = arith::ShRUIOp::create(b, loc, exponent, one);
    }
  }
  // Negative exponents.
  Value minusOne = createScalar(b, loc, type, -1);
  Value negative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, y, zero);
  Value odd = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::ne,
      arith::AndIOp::create(b, loc, y, one), zero);
  Value isOne =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, one);
  Value isMinusOne =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, minusOne);
  Value minusOnePow = arith::SelectOp::create(b, loc, odd, minusOne, one);
  Value reciprocal = arith::SelectOp::create(
      b, loc, isOne, one,
      arith::SelectOp::create(b, loc, isMinusOne, minusOnePow, zero));
  return arith::SelectOp::create(b, loc, negative, reciprocal, result);
}

//===----------------------------------------------------------------------===//
// Elementwise patterns
//===----------------------------------------------------------------------===//

/// Builds the scalar result of op `OpTy` from its (broadcast) operand
/// elements; the op is passed for its attributes.
template <typename OpTy>
using BodyFn = Value (*)(OpBuilder &, Location, OpTy, ValueRange);

/// The integers an elementwise op is defined on (as TF's CPU kernels are
/// registered): none, the signed ones, or also the unsigned ones, whose
/// bodies read the signedness with isUnsignedElement.
enum class Ints { None, Signed, All };

/// An elementwise op -> one linalg.generic over its result, reading every
/// operand through a broadcasting map (operand 0's element type is checked
/// against `Integers`).
template <typename OpTy, BodyFn<OpTy> Body, Ints Integers>
struct ElementwiseLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return Integers == Ints::All; }
  std::string check(OpTy op) const override {
    return checkArithType(elementOf(op->getOperand(0)),
                          Integers != Ints::None);
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Value result = createElementwise(
        rewriter, op.getLoc(), getStaticType(op->getResult(0)),
        adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return Body(b, loc, op, args);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// LogicalAnd / LogicalOr / LogicalNot on i1 (the verifier-free check
/// below refuses other element types).
template <typename OpTy, typename ArithOp>
struct LogicalLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  std::string check(OpTy op) const override {
    for (Value v : op->getOperands())
      if (!elementOf(v).isInteger(1))
        return "operands must be bools, got " +
               describeElementType(elementOf(v));
    return "";
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Value result = createElementwise(
        rewriter, op.getLoc(), getStaticType(op->getResult(0)),
        adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          if (args.size() == 1) // not x = x xor true
            return ArithOp::create(
                b, loc, args[0],
                arith::ConstantOp::create(b, loc, b.getBoolAttr(true)));
          return ArithOp::create(b, loc, args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

// Ops are built in separate statements, not as arguments of one call:
// C++ leaves the order of argument evaluation to the compiler (gcc and
// clang differ), and the IR's order must not depend on it.
Value eluBody(OpBuilder &b, Location loc, EluOp, ValueRange args) {
  Value x = args[0];
  Value expMinusOne = buildExpMinusOne(b, loc, x);
  Value isNegative = buildIsNegative(b, loc, x);
  return arith::SelectOp::create(b, loc, isNegative, expMinusOne, x);
}

Value seluBody(OpBuilder &b, Location loc, SeluOp, ValueRange args) {
  Value x = args[0];
  Type type = x.getType();
  Value scaleAlpha = createScalar(b, loc, type, kSeluScaleAlpha);
  Value negative =
      arith::MulFOp::create(b, loc, scaleAlpha, buildExpMinusOne(b, loc, x));
  Value positive =
      arith::MulFOp::create(b, loc, createScalar(b, loc, type, kSeluScale), x);
  Value isNegative = buildIsNegative(b, loc, x);
  return arith::SelectOp::create(b, loc, isNegative, negative, positive);
}

Value leakyReluBody(OpBuilder &b, Location loc, LeakyReluOp op,
                    ValueRange args) {
  Value x = args[0];
  Value alpha = createScalar(b, loc, x.getType(),
                             op.getAlpha().convertToDouble());
  Value positive =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                            createScalar(b, loc, x.getType(), 0));
  Value scaled = arith::MulFOp::create(b, loc, x, alpha);
  return arith::SelectOp::create(b, loc, positive, x, scaled);
}

template <typename OpTy, typename MathOp>
Value mathBody(OpBuilder &b, Location loc, OpTy, ValueRange args) {
  return MathOp::create(b, loc, args[0]);
}

template <typename OpTy>
Value squareBody(OpBuilder &b, Location loc, OpTy, ValueRange args) {
  if (isFloat(args[0]))
    return arith::MulFOp::create(b, loc, args[0], args[0]);
  return arith::MulIOp::create(b, loc, args[0], args[0]);
}

Value absBody(OpBuilder &b, Location loc, AbsOp, ValueRange args) {
  if (isFloat(args[0]))
    return math::AbsFOp::create(b, loc, args[0]);
  return math::AbsIOp::create(b, loc, args[0]);
}

Value negBody(OpBuilder &b, Location loc, NegOp, ValueRange args) {
  if (isFloat(args[0]))
    return arith::NegFOp::create(b, loc, args[0]);
  return arith::SubIOp::create(
      b, loc, createScalar(b, loc, args[0].getType(), 0), args[0]);
}

/// A binary op computed by `FloatOp` on floats, `SIntOp` on signed and
/// `UIntOp` on unsigned integers.
template <typename OpTy, typename FloatOp, typename SIntOp, typename UIntOp>
Value binaryBody(OpBuilder &b, Location loc, OpTy op, ValueRange args) {
  if (isFloat(args[0]))
    return FloatOp::create(b, loc, args[0], args[1]);
  if (isUnsignedElement(op->getOperand(0)))
    return UIntOp::create(b, loc, args[0], args[1]);
  return SIntOp::create(b, loc, args[0], args[1]);
}

Value squaredDifferenceBody(OpBuilder &b, Location loc, SquaredDifferenceOp,
                            ValueRange args) {
  if (isFloat(args[0])) {
    Value d = arith::SubFOp::create(b, loc, args[0], args[1]);
    return arith::MulFOp::create(b, loc, d, d);
  }
  Value d = arith::SubIOp::create(b, loc, args[0], args[1]);
  return arith::MulIOp::create(b, loc, d, d);
}

Value powBody(OpBuilder &b, Location loc, PowOp, ValueRange args) {
  if (isFloat(args[0]))
    return math::PowFOp::create(b, loc, args[0], args[1]);
  return buildIntPow(b, loc, args[0], args[1]);
}

/// The divisor integer division and remainder use so that they never trap:
/// TF fails on a zero divisor (here it divides by 1), and INT_MIN / -1 is
/// undefined (-1 is replaced by 1 and the quotient negated, wrapping).
struct SafeDivisor {
  Value divisor;    // y, with 0 and -1 replaced by 1
  Value isMinusOne; // y == -1
};
SafeDivisor buildSafeDivisor(OpBuilder &b, Location loc, Value y) {
  Type type = y.getType();
  Value isZero = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y,
                                       createScalar(b, loc, type, 0));
  Value isMinusOne = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::eq, y, createScalar(b, loc, type, -1));
  Value special = arith::OrIOp::create(b, loc, isZero, isMinusOne);
  Value divisor = arith::SelectOp::create(
      b, loc, special, createScalar(b, loc, type, 1), y);
  return {divisor, isMinusOne};
}

/// x / y truncated toward zero, without trapping (see SafeDivisor).
Value buildIntQuotient(OpBuilder &b, Location loc, Value x,
                       const SafeDivisor &d) {
  Value quotient = arith::DivSIOp::create(b, loc, x, d.divisor);
  Value negated = arith::SubIOp::create(
      b, loc, createScalar(b, loc, x.getType(), 0), x);
  return arith::SelectOp::create(b, loc, d.isMinusOne, negated, quotient);
}

/// TF's floor adjustment: the truncated remainder `r` of x / y is non-zero
/// and its sign differs from y's.
Value buildNeedsFloorFix(OpBuilder &b, Location loc, Value r, Value y) {
  Type type = r.getType();
  Value zero = createScalar(b, loc, type, 0);
  if (isFloat(r)) {
    Value nonZero =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, r, zero);
    Value rNeg =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, r, zero);
    Value yNeg =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, y, zero);
    Value differ = arith::XOrIOp::create(b, loc, rNeg, yNeg);
    return arith::AndIOp::create(b, loc, nonZero, differ);
  }
  Value nonZero =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, r, zero);
  Value rNeg =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, r, zero);
  Value yNeg =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, y, zero);
  Value differ = arith::XOrIOp::create(b, loc, rNeg, yNeg);
  return arith::AndIOp::create(b, loc, nonZero, differ);
}

/// y with 0 replaced by 1, the unsigned divisor that never traps (TF fails
/// on a zero divisor).
Value buildSafeUnsignedDivisor(OpBuilder &b, Location loc, Value y) {
  Type type = y.getType();
  Value isZero = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y,
                                       createScalar(b, loc, type, 0));
  return arith::SelectOp::create(b, loc, isZero, createScalar(b, loc, type, 1),
                                 y);
}

/// Unsigned x / y (floor and truncation agree), without trapping.
Value buildUnsignedQuotient(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::DivUIOp::create(b, loc, x,
                                buildSafeUnsignedDivisor(b, loc, y));
}

Value divBody(OpBuilder &b, Location loc, DivOp op, ValueRange args) {
  if (isFloat(args[0]))
    return arith::DivFOp::create(b, loc, args[0], args[1]);
  if (isUnsignedElement(op.getX()))
    return buildUnsignedQuotient(b, loc, args[0], args[1]);
  return buildIntQuotient(b, loc, args[0],
                          buildSafeDivisor(b, loc, args[1]));
}

/// floor(x / y) for floats; the truncated quotient minus 1 where the
/// remainder's sign differs from y's for integers.
Value floorDivBody(OpBuilder &b, Location loc, FloorDivOp op,
                   ValueRange args) {
  Value x = args[0], y = args[1];
  if (isFloat(x))
    return math::FloorOp::create(b, loc, arith::DivFOp::create(b, loc, x, y));
  if (isUnsignedElement(op.getX()))
    return buildUnsignedQuotient(b, loc, x, y);
  SafeDivisor d = buildSafeDivisor(b, loc, y);
  Value quotient = buildIntQuotient(b, loc, x, d);
  Value remainder = arith::RemSIOp::create(b, loc, x, d.divisor);
  Value fixed = arith::SubIOp::create(b, loc, quotient,
                                      createScalar(b, loc, x.getType(), 1));
  return arith::SelectOp::create(
      b, loc, buildNeedsFloorFix(b, loc, remainder, y), fixed, quotient);
}

/// The truncated remainder (fmod for floats), plus y where its sign differs
/// from y's (TF's floor_fmod / safe_floor_mod).
Value floorModBody(OpBuilder &b, Location loc, FloorModOp op,
                   ValueRange args) {
  Value x = args[0], y = args[1];
  if (!isFloat(x) && isUnsignedElement(op.getX()))
    return arith::RemUIOp::create(b, loc, x,
                                  buildSafeUnsignedDivisor(b, loc, y));
  Value r = isFloat(x)
                ? Value(arith::RemFOp::create(b, loc, x, y))
                : Value(arith::RemSIOp::create(
                      b, loc, x, buildSafeDivisor(b, loc, y).divisor));
  Value fixed = isFloat(x) ? Value(arith::AddFOp::create(b, loc, r, y))
                           : Value(arith::AddIOp::create(b, loc, r, y));
  return arith::SelectOp::create(b, loc, buildNeedsFloorFix(b, loc, r, y),
                                 fixed, r);
}

Value addNBody(OpBuilder &b, Location loc, AddNOp, ValueRange args) {
  Value sum = args[0];
  for (Value v : args.drop_front())
    sum = isFloat(v) ? Value(arith::AddFOp::create(b, loc, sum, v))
                     : Value(arith::AddIOp::create(b, loc, sum, v));
  return sum;
}

//===----------------------------------------------------------------------===//
// Comparisons, Select
//===----------------------------------------------------------------------===//

/// The unsigned form of a signed integer predicate (eq and ne stay).
arith::CmpIPredicate getUnsignedPredicate(arith::CmpIPredicate pred) {
  using P = arith::CmpIPredicate;
  switch (pred) {
  case P::slt:
    return P::ult;
  case P::sle:
    return P::ule;
  case P::sgt:
    return P::ugt;
  case P::sge:
    return P::uge;
  default:
    return pred;
  }
}

/// A comparison -> linalg.generic producing i1: ordered float predicates
/// (a NaN compares false) except NotEqual, which is true on NaN; signed or
/// unsigned integer predicates by the operands' signedness; Equal/NotEqual
/// also on bools.
template <typename OpTy, arith::CmpFPredicate FloatPred,
          arith::CmpIPredicate IntPred>
struct CompareLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(OpTy op) const override {
    Type element = elementOf(op.getX());
    bool equality = IntPred == arith::CmpIPredicate::eq ||
                    IntPred == arith::CmpIPredicate::ne;
    if (isComputeType(element) || (equality && element.isInteger(1)))
      return "";
    return describeElementType(element) + " is not supported";
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    arith::CmpIPredicate intPred = isUnsignedElement(op.getX())
                                       ? getUnsignedPredicate(IntPred)
                                       : IntPred;
    Value result = createElementwise(
        rewriter, op.getLoc(), getStaticType(op.getZ()),
        {adaptor.getX(), adaptor.getY()},
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          if (isFloat(args[0]))
            return arith::CmpFOp::create(b, loc, FloatPred, args[0], args[1]);
          return arith::CmpIOp::create(b, loc, intPred, args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

Value selectBody(OpBuilder &b, Location loc, ValueRange args) {
  return arith::SelectOp::create(b, loc, args[0], args[1], args[2]);
}

/// TF1 Select: the condition has t's shape, or is 1-D and picks rows
/// (read through the map (d0, ..., dn) -> (d0)).
struct SelectLowering : GraphOpLowering<SelectOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(SelectOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = getStaticType(op.getOutput());
    int64_t rank = type.getRank();
    MLIRContext *ctx = rewriter.getContext();
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap condMap = identity;
    int64_t condRank = getStaticType(op.getCondition()).getRank();
    if (condRank == 0) // one condition for the whole tensor
      condMap = AffineMap::get(rank, 0, {}, ctx);
    else if (condRank == 1 && rank > 1)
      condMap = AffineMap::get(rank, 0, getAffineDimExpr(0, ctx));
    Value result = createGeneric(
        rewriter, op.getLoc(), type,
        {adaptor.getCondition(), adaptor.getT(), adaptor.getE()},
        {condMap, identity, identity}, selectBody);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// SelectV2: all three operands broadcast.
struct SelectV2Lowering : GraphOpLowering<SelectV2Op> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(SelectV2Op op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Value result = createElementwise(
        rewriter, op.getLoc(), getStaticType(op.getOutput()),
        {adaptor.getCondition(), adaptor.getT(), adaptor.getE()}, selectBody);
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

/// Source mantissa bits TF's Truncate=true clears before a float narrowing
/// (cast_op.h: f64 -> f32/f16, f32 -> f16/bf16); 0 for other pairs.
unsigned getTruncationBits(Type src, Type dst) {
  auto precision = [](Type t) {
    return llvm::APFloat::semanticsPrecision(
        cast<FloatType>(t).getFloatSemantics());
  };
  bool applies = (src.isF64() && (dst.isF32() || dst.isF16())) ||
                 (src.isF32() && (dst.isF16() || dst.isBF16()));
  return applies ? precision(src) - precision(dst) : 0;
}

/// x with its low `bits` mantissa bits cleared, unless it is NaN.
Value clearLowMantissaBits(OpBuilder &b, Location loc, Value x,
                           unsigned bits) {
  unsigned width = x.getType().getIntOrFloatBitWidth();
  Type intType = b.getIntegerType(width);
  Value raw = arith::BitcastOp::create(b, loc, intType, x);
  Value mask = arith::ConstantOp::create(
      b, loc, IntegerAttr::get(intType, llvm::APInt::getHighBitsSet(
                                            width, width - bits)));
  Value cleared = arith::BitcastOp::create(
      b, loc, x.getType(), arith::AndIOp::create(b, loc, raw, mask));
  Value isNaN =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
  return arith::SelectOp::create(b, loc, isNaN, x, cleared);
}

/// One element converted like TF's static_cast-based Cast kernel; the flags
/// say the graph's source and destination integers are unsigned.
Value buildCast(OpBuilder &b, Location loc, Value x, Type dst, bool truncate,
                bool srcUnsigned, bool dstUnsigned) {
  Type src = x.getType();
  if (src == dst)
    return x;
  unsigned srcWidth = src.getIntOrFloatBitWidth();
  unsigned dstWidth = dst.getIntOrFloatBitWidth();
  if (isa<FloatType>(src)) {
    if (isa<FloatType>(dst)) {
      if (unsigned bits = truncate ? getTruncationBits(src, dst) : 0)
        x = clearLowMantissaBits(b, loc, x, bits);
      if (dstWidth > srcWidth)
        return arith::ExtFOp::create(b, loc, dst, x);
      if (dstWidth < srcWidth)
        return arith::TruncFOp::create(b, loc, dst, x);
      // f16 <-> bf16 goes through f32, as Eigen's conversions do.
      Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), x);
      return arith::TruncFOp::create(b, loc, dst, wide);
    }
    if (dstWidth == 1)
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x,
                                   createScalar(b, loc, src, 0));
    if (dstUnsigned)
      return arith::FPToUIOp::create(b, loc, dst, x);
    return arith::FPToSIOp::create(b, loc, dst, x);
  }
  if (srcWidth == 1) {
    if (isa<FloatType>(dst))
      return arith::UIToFPOp::create(b, loc, dst, x);
    return arith::ExtUIOp::create(b, loc, dst, x);
  }
  if (isa<FloatType>(dst)) {
    if (srcUnsigned)
      return arith::UIToFPOp::create(b, loc, dst, x);
    return arith::SIToFPOp::create(b, loc, dst, x);
  }
  if (dstWidth == 1)
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x,
                                 createScalar(b, loc, src, 0));
  if (dstWidth > srcWidth && srcUnsigned)
    return arith::ExtUIOp::create(b, loc, dst, x);
  if (dstWidth > srcWidth)
    return arith::ExtSIOp::create(b, loc, dst, x);
  if (dstWidth == srcWidth) // int8 <-> uint8 and the like keep the bits
    return x;
  return arith::TruncIOp::create(b, loc, dst, x);
}

struct CastLowering : GraphOpLowering<CastOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(CastOp op) const override {
    for (Type t : {elementOf(op.getX()), elementOf(op.getY())})
      if (!isSupportedElementType(t))
        return describeElementType(t) + " is not supported";
    return "";
  }
  LogicalResult lower(CastOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = getStaticType(op.getY());
    Type dst = type.getElementType();
    bool truncate = op.getTruncate();
    bool srcUnsigned = isUnsignedElement(op.getX());
    bool dstUnsigned = isUnsignedElement(op.getY());
    Value result = createElementwise(
        rewriter, op.getLoc(), type, {adaptor.getX()},
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return buildCast(b, loc, args[0], dst, truncate, srcUnsigned,
                           dstUnsigned);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// The constant integers of `original` or, during the conversion, of its
/// converted value `adapted` (may be null).
std::optional<SmallVector<int64_t>> getConstantValues(Value original,
                                                      Value adapted) {
  DenseIntElementsAttr attr;
  if ((!matchPattern(original, m_Constant(&attr)) &&
       !(adapted && matchPattern(adapted, m_Constant(&attr)))) ||
      attr.getNumElements() > kMaxLoweringTable)
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &value : attr.getValues<APInt>())
    values.push_back(value.getSExtValue());
  return values;
}

/// Constant reduction axes normalized to [0, rank), sorted and unique.
FailureOr<SmallVector<int64_t>> getReductionAxes(Value original, Value adapted,
                                                 int64_t rank) {
  std::optional<SmallVector<int64_t>> values =
      getConstantValues(original, adapted);
  if (!values)
    return failure();
  SmallVector<int64_t> axes;
  for (int64_t axis : *values) {
    if (axis < -rank || axis >= rank)
      return failure();
    axes.push_back(axis < 0 ? axis + rank : axis);
  }
  llvm::sort(axes);
  axes.erase(llvm::unique(axes), axes.end());
  return axes;
}

enum class ReduceKind { Sum, Prod, Max, Min, All, Any };

/// The identity of `kind` for `type`: 0, 1, -inf / +inf, or the integer
/// extremes (of unsigned integers when `isUnsigned`).
TypedAttr getReduceInit(ReduceKind kind, Type type, bool isUnsigned) {
  switch (kind) {
  case ReduceKind::Sum:
    return getScalarAttr(type, 0);
  case ReduceKind::Prod:
  case ReduceKind::All:
    return getScalarAttr(type, 1);
  case ReduceKind::Any:
    return getScalarAttr(type, 0);
  case ReduceKind::Max:
  case ReduceKind::Min:
    break;
  }
  bool negative = kind == ReduceKind::Max;
  if (auto floatType = dyn_cast<FloatType>(type))
    return FloatAttr::get(type, llvm::APFloat::getInf(
                                    floatType.getFloatSemantics(), negative));
  unsigned width = type.getIntOrFloatBitWidth();
  if (isUnsigned)
    return IntegerAttr::get(type, negative ? llvm::APInt::getMinValue(width)
                                           : llvm::APInt::getMaxValue(width));
  return IntegerAttr::get(type, negative
                                    ? llvm::APInt::getSignedMinValue(width)
                                    : llvm::APInt::getSignedMaxValue(width));
}

Value combine(ReduceKind kind, OpBuilder &b, Location loc, Value x, Value acc,
              bool isUnsigned) {
  bool isF = isFloat(x);
  switch (kind) {
  case ReduceKind::Sum:
    if (isF) {
      if (x.getType() != acc.getType())
        x = arith::ExtFOp::create(b, loc, acc.getType(), x);
      return arith::AddFOp::create(b, loc, x, acc);
    }
    return arith::AddIOp::create(b, loc, x, acc);
  case ReduceKind::Prod:
    if (isF) {
      if (x.getType() != acc.getType())
        x = arith::ExtFOp::create(b, loc, acc.getType(), x);
      return arith::MulFOp::create(b, loc, x, acc);
    }
    return arith::MulIOp::create(b, loc, x, acc);
  case ReduceKind::Max:
    if (isF)
      return arith::MaximumFOp::create(b, loc, x, acc);
    if (isUnsigned)
      return arith::MaxUIOp::create(b, loc, x, acc);
    return arith::MaxSIOp::create(b, loc, x, acc);
  case ReduceKind::Min:
    if (isF)
      return arith::MinimumFOp::create(b, loc, x, acc);
    if (isUnsigned)
      return arith::MinUIOp::create(b, loc, x, acc);
    return arith::MinSIOp::create(b, loc, x, acc);
  case ReduceKind::All:
    return arith::AndIOp::create(b, loc, x, acc);
  case ReduceKind::Any:
    return arith::OrIOp::create(b, loc, x, acc);
  }
  llvm_unreachable("unknown reduction");
}

/// Sum/Prod/Max/Min over constant reduction_indices -> linalg.reduce (in f32
/// for f16/bf16 Sum/Prod, then truncated), reshaped for keep_dims.
template <typename OpTy, ReduceKind Kind>
struct ReductionLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(OpTy op) const override {
    auto inputType = getStaticType(op.getInput());
    bool logical = Kind == ReduceKind::All || Kind == ReduceKind::Any;
    if (logical != inputType.getElementType().isInteger(1))
      return logical ? "All and Any take bools, got " +
                           describeElementType(inputType.getElementType())
                     : checkArithType(inputType.getElementType(),
                                      /*allowInt=*/true);
    if (std::string reason =
            logical ? ""
                    : checkArithType(inputType.getElementType(),
                                     /*allowInt=*/true);
        !reason.empty())
      return reason;
    if (failed(getReductionAxes(op.getReductionIndices(), Value(),
                                inputType.getRank())))
      return "reduction_indices must be constants in [-rank, rank)";
    return "";
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto inputType = getStaticType(adaptor.getInput());
    Type element = inputType.getElementType();
    FailureOr<SmallVector<int64_t>> axes =
        getReductionAxes(op.getReductionIndices(),
                         adaptor.getReductionIndices(), inputType.getRank());
    if (failed(axes))
      return rewriter.notifyMatchFailure(op, "non-constant reduction indices");
    Location loc = op.getLoc();
    Type accumulator = element;
    if ((Kind == ReduceKind::Sum || Kind == ReduceKind::Prod) &&
        isSupportedFloat(element) && element.getIntOrFloatBitWidth() < 32)
      accumulator = rewriter.getF32Type();
    bool isUnsigned = isUnsignedElement(op.getInput());
    Value reduced = createReduce(
        rewriter, loc, adaptor.getInput(), *axes, accumulator,
        getReduceInit(Kind, accumulator, isUnsigned),
        [&](OpBuilder &b, Location l, Value x, Value acc) {
          return combine(Kind, b, l, x, acc, isUnsigned);
        });
    if (accumulator != element)
      reduced = createElementwise(
          rewriter, loc, dropDims(inputType, *axes, element), {reduced},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::TruncFOp::create(b, l, element, args[0]);
          });
    rewriter.replaceOp(op, createStaticReshape(rewriter, loc, reduced,
                                               getStaticType(op.getOutput())));
    return success();
  }
};

/// ArgMax/ArgMin -> one linalg.generic reducing `dimension` into a (value,
/// index) pair initialized to (-inf or +inf / integer extreme, 0); a
/// strictly better element replaces the pair, so the first index wins among
/// equal values and NaN never wins (Eigen's argmax reducer, which TF uses).
template <typename OpTy, bool IsMax>
struct ArgReductionLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(OpTy op) const override {
    auto inputType = getStaticType(op.getInput());
    if (std::string reason =
            checkArithType(inputType.getElementType(), /*allowInt=*/true);
        !reason.empty())
      return reason;
    std::optional<SmallVector<int64_t>> dim =
        getConstantValues(op.getDimension(), Value());
    int64_t rank = std::max<int64_t>(inputType.getRank(), 1);
    if (!dim || dim->size() != 1 || (*dim)[0] < -rank || (*dim)[0] >= rank)
      return "dimension must be a constant in [-rank, rank)";
    return "";
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = getStaticType(input);
    auto resultType = getStaticType(op.getOutput());
    Type indexType = resultType.getElementType();
    int64_t rank = inputType.getRank();
    if (rank == 0) {
      rewriter.replaceOp(op, createFilled(rewriter, loc, resultType,
                                          getScalarAttr(indexType, 0)));
      return success();
    }
    std::optional<SmallVector<int64_t>> dims =
        getConstantValues(op.getDimension(), adaptor.getDimension());
    if (!dims)
      return rewriter.notifyMatchFailure(op, "non-constant dimension");
    int64_t dim = (*dims)[0] < 0 ? (*dims)[0] + rank : (*dims)[0];
    Type element = inputType.getElementType();
    ReduceKind kind = IsMax ? ReduceKind::Max : ReduceKind::Min;
    RankedTensorType valueType = dropDims(inputType, {dim}, element);
    RankedTensorType indexTensorType = dropDims(inputType, {dim}, indexType);
    bool isUnsigned = isUnsignedElement(op.getInput());
    Value values = createFilled(rewriter, loc, valueType,
                                getReduceInit(kind, element, isUnsigned));
    arith::CmpIPredicate intBetter =
        IsMax ? arith::CmpIPredicate::sgt : arith::CmpIPredicate::slt;
    if (isUnsigned)
      intBetter = getUnsignedPredicate(intBetter);
    Value indices = createFilled(rewriter, loc, indexTensorType,
                                 getScalarAttr(indexType, 0));
    MLIRContext *ctx = rewriter.getContext();
    AffineMap reducedMap = getReducedMap(rank, {dim}, ctx);
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank),
                                   reducedMap, reducedMap};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators[dim] = utils::IteratorType::reduction;
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{valueType, indexTensorType},
        ValueRange{input}, ValueRange{values, indices}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], best = args[1], bestIndex = args[2];
          Value better =
              isFloat(x)
                  ? Value(arith::CmpFOp::create(
                        b, l,
                        IsMax ? arith::CmpFPredicate::OGT
                              : arith::CmpFPredicate::OLT,
                        x, best))
                  : Value(arith::CmpIOp::create(b, l, intBetter, x, best));
          Value index = arith::IndexCastOp::create(
              b, l, indexType, linalg::IndexOp::create(b, l, dim));
          Value newBest = arith::SelectOp::create(b, l, better, x, best);
          Value newIndex =
              arith::SelectOp::create(b, l, better, index, bestIndex);
          linalg::YieldOp::create(b, l, ValueRange{newBest, newIndex});
        });
    rewriter.replaceOp(op, generic.getResult(1));
    return success();
  }
};

/// LogSoftmax over the last dim, TF's form: shifted = x - max(x),
/// shifted - log(sum(exp(shifted))).
struct LogSoftmaxLowering : GraphOpLowering<LogSoftmaxOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(LogSoftmaxOp op) const override {
    return checkArithType(elementOf(op.getLogits()), /*allowInt=*/false);
  }
  LogicalResult lower(LogSoftmaxOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto type = getStaticType(op.getLogsoftmax());
    Type element = type.getElementType();
    Location loc = op.getLoc();
    int64_t rank = type.getRank();
    SmallVector<int64_t> lastDim = {rank - 1};
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap reduced = getReducedMap(rank, lastDim, rewriter.getContext());

    Value max = createReduce(
        rewriter, loc, adaptor.getLogits(), lastDim, element,
        getReduceInit(ReduceKind::Max, element, /*isUnsigned=*/false),
        [](OpBuilder &b, Location l, Value x, Value acc) {
          return combine(ReduceKind::Max, b, l, x, acc, /*isUnsigned=*/false);
        });
    Value shifted = createGeneric(
        rewriter, loc, type, {adaptor.getLogits(), max}, {identity, reduced},
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          return arith::SubFOp::create(b, l, args[0], args[1]);
        });
    Value sum = createReduce(
        rewriter, loc, shifted, lastDim, element, getScalarAttr(element, 0),
        [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
          Value exp = math::ExpOp::create(b, l, x);
          return arith::AddFOp::create(b, l, exp, acc);
        });
    Value result = createGeneric(
        rewriter, loc, type, {shifted, sum}, {identity, reduced},
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value log = math::LogOp::create(b, l, args[1]);
          return arith::SubFOp::create(b, l, args[0], log);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateMathPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  // Float-only unary math.
  patterns.add<ElementwiseLowering<EluOp, eluBody, Ints::None>,
               ElementwiseLowering<SeluOp, seluBody, Ints::None>,
               ElementwiseLowering<LeakyReluOp, leakyReluBody, Ints::None>,
               ElementwiseLowering<ExpOp, mathBody<ExpOp, math::ExpOp>, Ints::None>,
               ElementwiseLowering<LogOp, mathBody<LogOp, math::LogOp>, Ints::None>,
               ElementwiseLowering<SqrtOp, mathBody<SqrtOp, math::SqrtOp>,
                                   Ints::None>,
               ElementwiseLowering<RsqrtOp, mathBody<RsqrtOp, math::RsqrtOp>,
                                   Ints::None>,
               ElementwiseLowering<FloorOp, mathBody<FloorOp, math::FloorOp>,
                                   Ints::None>,
               // libm's erff/erfcf (math-to-libm).
               ElementwiseLowering<ErfOp, mathBody<ErfOp, math::ErfOp>, Ints::None>,
               ElementwiseLowering<ErfcOp, mathBody<ErfcOp, math::ErfcOp>,
                                   Ints::None>,
               // Graph_LibmUnaryOp: libm calls or LLVM intrinsics.
               ElementwiseLowering<SinOp, mathBody<SinOp, math::SinOp>,
                                   Ints::None>,
               ElementwiseLowering<CosOp, mathBody<CosOp, math::CosOp>,
                                   Ints::None>,
               ElementwiseLowering<TanOp, mathBody<TanOp, math::TanOp>,
                                   Ints::None>,
               ElementwiseLowering<AsinOp, mathBody<AsinOp, math::AsinOp>,
                                   Ints::None>,
               ElementwiseLowering<AcosOp, mathBody<AcosOp, math::AcosOp>,
                                   Ints::None>,
               ElementwiseLowering<AtanOp, mathBody<AtanOp, math::AtanOp>,
                                   Ints::None>,
               ElementwiseLowering<SinhOp, mathBody<SinhOp, math::SinhOp>,
                                   Ints::None>,
               ElementwiseLowering<CoshOp, mathBody<CoshOp, math::CoshOp>,
                                   Ints::None>,
               ElementwiseLowering<AsinhOp, mathBody<AsinhOp, math::AsinhOp>,
                                   Ints::None>,
               ElementwiseLowering<AcoshOp, mathBody<AcoshOp, math::AcoshOp>,
                                   Ints::None>,
               ElementwiseLowering<AtanhOp, mathBody<AtanhOp, math::AtanhOp>,
                                   Ints::None>,
               ElementwiseLowering<CeilOp, mathBody<CeilOp, math::CeilOp>,
                                   Ints::None>,
               ElementwiseLowering<RoundOp, mathBody<RoundOp, math::RoundEvenOp>,
                                   Ints::None>,
               ElementwiseLowering<RintOp, mathBody<RintOp, math::RoundEvenOp>,
                                   Ints::None>,
               ElementwiseLowering<Expm1Op, mathBody<Expm1Op, math::ExpM1Op>,
                                   Ints::None>,
               ElementwiseLowering<Log1pOp, mathBody<Log1pOp, math::Log1pOp>,
                                   Ints::None>>(ctx);
  // Unary math on floats and integers.
  patterns.add<ElementwiseLowering<SquareOp, squareBody<SquareOp>, Ints::All>,
               ElementwiseLowering<AbsOp, absBody, Ints::Signed>,
               ElementwiseLowering<NegOp, negBody, Ints::Signed>>(ctx);
  // Broadcasting binary arithmetic and AddN.
  patterns.add<
      ElementwiseLowering<MaximumOp,
                          binaryBody<MaximumOp, arith::MaximumFOp,
                                     arith::MaxSIOp, arith::MaxUIOp>,
                          Ints::All>,
      ElementwiseLowering<MinimumOp,
                          binaryBody<MinimumOp, arith::MinimumFOp,
                                     arith::MinSIOp, arith::MinUIOp>,
                          Ints::All>,
      ElementwiseLowering<SquaredDifferenceOp, squaredDifferenceBody,
                          Ints::Signed>,
      ElementwiseLowering<PowOp, powBody, Ints::Signed>,
      ElementwiseLowering<DivOp, divBody, Ints::All>,
      ElementwiseLowering<FloorDivOp, floorDivBody, Ints::All>,
      ElementwiseLowering<FloorModOp, floorModBody, Ints::All>,
      ElementwiseLowering<AddNOp, addNBody, Ints::All>>(ctx);
  // Comparisons.
  using FP = arith::CmpFPredicate;
  using IP = arith::CmpIPredicate;
  patterns.add<CompareLowering<LessOp, FP::OLT, IP::slt>,
               CompareLowering<LessEqualOp, FP::OLE, IP::sle>,
               CompareLowering<GreaterOp, FP::OGT, IP::sgt>,
               CompareLowering<GreaterEqualOp, FP::OGE, IP::sge>,
               CompareLowering<EqualOp, FP::OEQ, IP::eq>,
               CompareLowering<NotEqualOp, FP::UNE, IP::ne>>(ctx);
  patterns.add<SelectLowering, SelectV2Lowering, CastLowering>(ctx);
  patterns.add<LogicalLowering<LogicalAndOp, arith::AndIOp>,
               LogicalLowering<LogicalOrOp, arith::OrIOp>,
               LogicalLowering<LogicalNotOp, arith::XOrIOp>>(ctx);
  // Reductions.
  patterns.add<ReductionLowering<AllOp, ReduceKind::All>,
               ReductionLowering<AnyOp, ReduceKind::Any>,
               ReductionLowering<SumOp, ReduceKind::Sum>,
               ReductionLowering<ProdOp, ReduceKind::Prod>,
               ReductionLowering<MaxOp, ReduceKind::Max>,
               ReductionLowering<MinOp, ReduceKind::Min>,
               ArgReductionLowering<ArgMaxOp, true>,
               ArgReductionLowering<ArgMinOp, false>, LogSoftmaxLowering>(ctx);
}

} // namespace graphc::graph_to_linalg
