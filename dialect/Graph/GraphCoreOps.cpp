//===- GraphCoreOps.cpp - verifiers, folders, shapes of core ops ----------===//
//
// The core family (GraphCoreOps.td): Const's verifier and folder, and
// IdentityN's verifier, shape function and canonicalizer. Identity,
// StopGradient, Snapshot and PlaceholderWithDefault get theirs from
// Graph_IdentityLikeOp; Placeholder, NoOp and the variable ops have none
// (graph-freeze-variables replaces the variables).
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace graphc::graph;

//===----------------------------------------------------------------------===//
// Const
//===----------------------------------------------------------------------===//

LogicalResult ConstOp::verify() {
  auto valueType = cast<ShapedType>(getValue().getType());
  auto resultType = cast<ShapedType>(getOutput().getType());
  if (valueType.getElementType() != resultType.getElementType())
    return emitOpError() << "value has element type "
                         << valueType.getElementType() << " but the result is "
                         << resultType.getElementType();
  if (resultType.hasStaticShape() && valueType != resultType)
    return emitOpError() << "value type " << valueType
                         << " does not match result type " << resultType;
  return success();
}

OpFoldResult ConstOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// IdentityN
//===----------------------------------------------------------------------===//

LogicalResult IdentityNOp::verify() {
  if (getInput().size() != getOutput().size())
    return emitOpError() << "has " << getInput().size() << " inputs but "
                         << getOutput().size() << " outputs";
  return success();
}

namespace {
/// IdentityN forwards each input: replace every result with its operand.
struct ForwardIdentityN : OpRewritePattern<IdentityNOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(IdentityNOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [in, out] : llvm::zip(op.getInput(), op.getOutput()))
      if (in.getType() != out.getType())
        return failure();
    rewriter.replaceOp(op, op.getInput());
    return success();
  }
};
} // namespace

void IdentityNOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ForwardIdentityN>(context);
}

LogicalResult IdentityNOp::refineResultTypes() {
  for (auto [in, out] : llvm::zip(getInput(), getOutput()))
    if (failed(refineResult(*this, out, in.getType())))
      return failure();
  return success();
}
