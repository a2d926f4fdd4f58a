//===- VariableValueSource.h - where frozen variable values come from -*- C++ -*-===//
//
// graph-freeze-variables asks its value sources, in order, for each
// variable's value. A checkpoint or SavedModel reader plugs in as one more
// source ahead of the built-in constant-initializer source.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TRANSFORMS_VARIABLEVALUESOURCE_H
#define GRAPHC_TRANSFORMS_VARIABLEVALUESOURCE_H

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "mlir/Pass/Pass.h"

#include <memory>
#include <string>
#include <vector>

namespace graphc {

/// A variable as the freezing pass sees it.
struct VariableRef {
  std::string name;          // shared_name if set, else the node name
  mlir::Operation *op;       // VariableV2 / Variable / VarHandleOp
  mlir::TensorType type;     // the value type the graph declares
  /// Whether the fetches read the variable. A source may skip loading the
  /// value of a variable they do not read (and return a null attribute),
  /// but should still note that it has an entry for it.
  bool needed = true;
};

class VariableValueSource {
public:
  virtual ~VariableValueSource() = default;
  /// The value of `var`: an ElementsAttr, a null attribute when this source
  /// does not know it, or failure (after emitting an error) when it has a
  /// value that cannot be used.
  virtual mlir::FailureOr<mlir::ElementsAttr> lookup(const VariableRef &var) = 0;
  /// Keys this source holds that no variable asked for (reported, counted
  /// and with the first few names, as one warning after freezing).
  virtual std::vector<std::string> unusedKeys() const { return {}; }
  /// "checkpoint 'model.ckpt'", for messages.
  virtual std::string describe() const = 0;
};

/// The freezing pass with extra value sources, consulted in order before the
/// constant initializers; `keepVariables` stay mutable, as inputs.
std::unique_ptr<mlir::Pass> createGraphFreezeVariablesPass(
    std::vector<std::shared_ptr<VariableValueSource>> sources,
    std::vector<std::string> keepVariables = {});

/// Arg attrs of a kept variable's input (graph-freeze-variables
/// keep-variables): a unit marker and the value it starts from.
inline constexpr llvm::StringLiteral kVariableInputAttr = "graph.variable";
inline constexpr llvm::StringLiteral kInitialValueAttr = "graph.initial_value";

} // namespace graphc

#endif // GRAPHC_TRANSFORMS_VARIABLEVALUESOURCE_H
