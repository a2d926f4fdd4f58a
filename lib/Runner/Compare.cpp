//===- Compare.cpp - Compare an output with a reference -------------------===//
//
// graph-run --expect: element-wise closeness with NumPy's allclose rule
// |a - b| <= atol + rtol * |b| (b the reference), where NaN matches only NaN
// and an infinity only the same infinity. Values are widened to long double,
// so any pair of dtypes compares, integers exactly.
//
//===----------------------------------------------------------------------===//

#include "RunnerInternal.h"

#include <cmath>
#include <limits>

using namespace graphc;
using namespace graphc::runner;

Comparison runner::compareTensors(int actualDType, const void *actual,
                                  int expectedDType, const void *expected,
                                  int64_t count, double atol, double rtol,
                                  size_t maxReported) {
  const long double inf = std::numeric_limits<long double>::infinity();
  Comparison result;
  result.total = count;
  long double maxAbs = 0, maxRel = 0;
  for (int64_t i = 0; i < count; ++i) {
    long double a = loadValue(actualDType, actual, i);
    long double b = loadValue(expectedDType, expected, i);
    bool aNaN = std::isnan(a), bNaN = std::isnan(b);
    long double absErr, relErr;
    bool match;
    if (aNaN || bNaN) {
      match = aNaN && bNaN;
      absErr = relErr = match ? 0 : inf;
    } else if (a == b) { // Also the same infinity.
      match = true;
      absErr = relErr = 0;
    } else if (std::isinf(a) || std::isinf(b)) {
      // Not the same infinity; rtol * |inf| must not make it "close".
      match = false;
      absErr = relErr = inf;
    } else {
      absErr = std::fabs(a - b);
      relErr = b == 0 ? inf : absErr / std::fabs(b);
      match = absErr <= atol + rtol * std::fabs(b);
    }
    if (absErr > maxAbs)
      maxAbs = absErr;
    if (relErr > maxRel)
      maxRel = relErr;
    if (!match) {
      ++result.mismatches;
      if (result.firstMismatches.size() < maxReported)
        result.firstMismatches.push_back(i);
    }
  }
  result.maxAbsErr = double(maxAbs);
  result.maxRelErr = double(maxRel);
  return result;
}
