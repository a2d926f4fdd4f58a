//===- RunnerTest.cpp - Tests for graphc/Runner/Runner.h and graph-run ----===//
//
// Drives the runner library on Inputs/fake_model.c, a hand-written shared
// library that implements the model ABI (see its header for the models it
// exports): metadata, input matching, printed and written outputs, --expect
// pass and fail, dtype/shape/name errors, broken libraries, --bench. A few
// tests run the graph-run executable itself to check its exit codes and its
// single "error:" line.
//
//===----------------------------------------------------------------------===//

#include "graphc/Runner/Runner.h"
#include "graphc/Support/Npy.h"

#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>

#include <sys/wait.h>

using namespace graphc;
using namespace graphc::runner;

namespace {

const char *const kFakeModel = FAKE_MODEL_PATH;
const char *const kGraphRun = GRAPH_RUN_PATH;

template <typename T>
NpyArray makeArray(int dtype, std::vector<int64_t> shape,
                   const std::vector<T> &values) {
  NpyArray a;
  a.dtype = dtype;
  a.shape = std::move(shape);
  a.data.resize(values.size() * sizeof(T));
  if (!values.empty())
    std::memcpy(a.data.data(), values.data(), a.data.size());
  return a;
}

template <typename T> std::vector<T> valuesOf(const NpyArray &a) {
  std::vector<T> values(a.data.size() / sizeof(T));
  if (!values.empty())
    std::memcpy(values.data(), a.data.data(), a.data.size());
  return values;
}

/// x for fake_model and y = 2x + 1, count = #positive per row.
const std::vector<float> kX = {1, -2, 3, 4, 5, -6};
const std::vector<float> kY = {3, -3, 7, 9, 11, -11};

/// A temporary directory with input and reference files for fake_model.
class RunnerTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "graphc-runnertest-XXXXXX")
            .string();
    ASSERT_NE(mkdtemp(&pattern[0]), nullptr);
    dir = pattern;
    write("x.npy", makeArray<float>(GRAPHC_DT_FLOAT, {2, 3}, kX));
    write("y.npy", makeArray<float>(GRAPHC_DT_FLOAT, {2, 3}, kY));
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  std::string path(const std::string &name) const { return dir + "/" + name; }

  void write(const std::string &name, const NpyArray &a) {
    std::string error;
    ASSERT_TRUE(writeNpy(path(name), a, error)) << error;
  }

  RunOptions options(std::vector<std::string> inputs = {}) const {
    RunOptions o;
    o.libraryPath = kFakeModel;
    o.inputs = std::move(inputs);
    return o;
  }

  /// Runs and captures both streams.
  int run(const RunOptions &o) {
    out.clear();
    err.clear();
    llvm::raw_string_ostream outStream(out), errStream(err);
    return runGraph(o, outStream, errStream);
  }

  /// Runs, expects exit status 2 and a single error line about \p file
  /// containing \p needle.
  void expectFailure(const RunOptions &o, const std::string &file,
                     const std::string &needle) {
    EXPECT_EQ(run(o), ExitFailure) << out;
    std::string prefix = "error: " + file + ": ";
    EXPECT_EQ(err.rfind(prefix, 0), 0u) << err;
    EXPECT_NE(err.find(needle), std::string::npos)
        << "stderr: '" << err << "', expected '" << needle << "'";
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  }

  std::string dir;
  std::string out, err;
};

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

TEST(RunnerHelpers, CandidateModelNames) {
  using Names = std::vector<std::string>;
  EXPECT_EQ(candidateModelNames("out/foo.so"), Names{"foo"});
  EXPECT_EQ(candidateModelNames("foo.so"), Names{"foo"});
  EXPECT_EQ(candidateModelNames("/a/b/libfoo.so"), (Names{"libfoo", "foo"}));
  EXPECT_EQ(candidateModelNames("libm.so.6"), (Names{"libm", "m"}));
  EXPECT_EQ(candidateModelNames("my.solver.so"), Names{"my.solver"});
  EXPECT_EQ(candidateModelNames("model"), Names{"model"});
  EXPECT_EQ(candidateModelNames("lib.so"), Names{"lib"});
}

TEST(RunnerHelpers, TensorNameMatches) {
  EXPECT_TRUE(tensorNameMatches("y:0", "y:0"));
  EXPECT_TRUE(tensorNameMatches("y:0", "y"));
  EXPECT_TRUE(tensorNameMatches("x", "x:0"));
  EXPECT_TRUE(tensorNameMatches("scope/x", "scope/x"));
  EXPECT_FALSE(tensorNameMatches("y:1", "y"));
  EXPECT_FALSE(tensorNameMatches("y:0", "y:1"));
  EXPECT_FALSE(tensorNameMatches("x", "xx"));
  EXPECT_FALSE(tensorNameMatches("x", ""));
  EXPECT_FALSE(tensorNameMatches("x", ":0"));
}

TEST(RunnerHelpers, Shapes) {
  EXPECT_EQ(formatShape({2, 3}), "[2,3]");
  EXPECT_EQ(formatShape({}), "[]");
  EXPECT_TRUE(shapesEqualIgnoringOnes({1, 2, 3}, {2, 3}));
  EXPECT_TRUE(shapesEqualIgnoringOnes({2, 1, 3, 1}, {2, 3}));
  EXPECT_TRUE(shapesEqualIgnoringOnes({1}, {}));
  EXPECT_FALSE(shapesEqualIgnoringOnes({3, 2}, {2, 3}));
  EXPECT_FALSE(shapesEqualIgnoringOnes({6}, {2, 3}));
}

TEST(RunnerHelpers, HalfToFloat) {
  EXPECT_EQ(halfToFloat(0x0000), 0.0f);
  EXPECT_TRUE(std::signbit(halfToFloat(0x8000)));
  EXPECT_EQ(halfToFloat(0x3C00), 1.0f);
  EXPECT_EQ(halfToFloat(0xC000), -2.0f);
  EXPECT_EQ(halfToFloat(0x3555), 0.333251953125f);
  EXPECT_EQ(halfToFloat(0x7BFF), 65504.0f);
  EXPECT_EQ(halfToFloat(0x0001), std::ldexp(1.0f, -24)); // smallest subnormal
  EXPECT_EQ(halfToFloat(0x03FF), std::ldexp(1023.0f, -24));
  EXPECT_EQ(halfToFloat(0x0400), std::ldexp(1.0f, -14)); // smallest normal
  EXPECT_EQ(halfToFloat(0x7C00), std::numeric_limits<float>::infinity());
  EXPECT_EQ(halfToFloat(0xFC00), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(halfToFloat(0x7E00)));
}

TEST(RunnerHelpers, CompareTensors) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> a = {1, 2, nan, inf, 0, 100};
  std::vector<float> b = {1, 2.00001f, nan, inf, 0, 100.0005f};
  Comparison c = compareTensors(GRAPHC_DT_FLOAT, a.data(), GRAPHC_DT_FLOAT,
                                b.data(), 6, 1e-5, 1e-5);
  EXPECT_EQ(c.mismatches, 0);
  EXPECT_EQ(c.total, 6);
  EXPECT_NEAR(c.maxAbsErr, 0.0005, 1e-5);

  c = compareTensors(GRAPHC_DT_FLOAT, a.data(), GRAPHC_DT_FLOAT, b.data(), 6,
                     0, 0);
  EXPECT_EQ(c.mismatches, 2);
  EXPECT_EQ(c.firstMismatches, (std::vector<int64_t>{1, 5}));

  // NaN matches only NaN; opposite infinities differ.
  std::vector<float> x = {nan, 1, inf, -inf};
  std::vector<float> y = {1, nan, -inf, -inf};
  c = compareTensors(GRAPHC_DT_FLOAT, x.data(), GRAPHC_DT_FLOAT, y.data(), 4,
                     1, 1);
  EXPECT_EQ(c.mismatches, 3);
  EXPECT_TRUE(std::isinf(c.maxAbsErr));
  EXPECT_EQ(c.firstMismatches, (std::vector<int64_t>{0, 1, 2}));

  // Relative tolerance scales with the reference.
  std::vector<double> big = {1000.5}, ref = {1000};
  EXPECT_EQ(compareTensors(GRAPHC_DT_DOUBLE, big.data(), GRAPHC_DT_DOUBLE,
                           ref.data(), 1, 0, 1e-3)
                .mismatches,
            0);
  c = compareTensors(GRAPHC_DT_DOUBLE, big.data(), GRAPHC_DT_DOUBLE,
                     ref.data(), 1, 0, 1e-4);
  EXPECT_EQ(c.mismatches, 1);
  EXPECT_DOUBLE_EQ(c.maxRelErr, 0.0005);

  // Mixed dtypes, float16 via float, 64-bit integers exactly.
  std::vector<uint16_t> half = {0x3C00, 0xC000};
  std::vector<double> wide = {1, -2};
  EXPECT_EQ(compareTensors(GRAPHC_DT_HALF, half.data(), GRAPHC_DT_DOUBLE,
                           wide.data(), 2, 0, 0)
                .mismatches,
            0);
  std::vector<int64_t> i1 = {INT64_MAX}, i2 = {INT64_MAX - 1};
  EXPECT_EQ(compareTensors(GRAPHC_DT_INT64, i1.data(), GRAPHC_DT_INT64,
                           i2.data(), 1, 0, 0)
                .mismatches,
            1);
  std::vector<uint8_t> bools = {1, 0};
  std::vector<int32_t> ints = {1, 0};
  EXPECT_EQ(compareTensors(GRAPHC_DT_BOOL, bools.data(), GRAPHC_DT_INT32,
                           ints.data(), 2, 0, 0)
                .mismatches,
            0);
}

TEST(RunnerHelpers, SummarizeTimes) {
  BenchStats s = summarizeTimes({3, 1, 2});
  EXPECT_EQ(s.runs, 3);
  EXPECT_EQ(s.medianMs, 2);
  EXPECT_EQ(s.minMs, 1);
  EXPECT_EQ(s.meanMs, 2);
  s = summarizeTimes({4, 1, 2, 10});
  EXPECT_EQ(s.medianMs, 3);
  EXPECT_EQ(s.meanMs, 4.25);
  EXPECT_EQ(summarizeTimes({}).runs, 0);
}

//===----------------------------------------------------------------------===//
// ModelLibrary
//===----------------------------------------------------------------------===//

TEST_F(RunnerTest, LoadsMetadata) {
  RunError error;
  std::unique_ptr<ModelLibrary> model =
      ModelLibrary::load(kFakeModel, "", error);
  ASSERT_TRUE(model) << error.reason;
  EXPECT_EQ(model->name(), "fake_model");
  EXPECT_STREQ(model->info().name, "fake_model");
  ASSERT_EQ(model->inputs().size(), 1u);
  ASSERT_EQ(model->outputs().size(), 2u);
  EXPECT_STREQ(model->inputs()[0].name, "x");
  EXPECT_EQ(model->inputs()[0].dtype, GRAPHC_DT_FLOAT);
  EXPECT_EQ(model->outputs()[1].num_elements, 2);
  EXPECT_EQ(model->findInput("x"), 0);
  EXPECT_EQ(model->findInput("x:0"), 0);
  EXPECT_EQ(model->findInput("y"), -1);
  EXPECT_EQ(model->findOutput("y"), 0);
  EXPECT_EQ(model->findOutput("count:0"), 1);
  EXPECT_EQ(model->findOutput("count"), 1);

  // Calling it directly.
  std::vector<float> y(6);
  std::vector<int32_t> count(2);
  const void *inputs[] = {kX.data()};
  void *outputs[] = {y.data(), count.data()};
  EXPECT_EQ(model->run(inputs, outputs), 0);
  EXPECT_EQ(y, kY);
  EXPECT_EQ(count, (std::vector<int32_t>{2, 2}));
}

TEST_F(RunnerTest, NameFromLibPrefixedFile) {
  std::filesystem::copy_file(kFakeModel, path("libfake_model.so"));
  RunError error;
  std::unique_ptr<ModelLibrary> model =
      ModelLibrary::load(path("libfake_model.so"), "", error);
  ASSERT_TRUE(model) << error.reason;
  EXPECT_EQ(model->name(), "fake_model");
}

TEST_F(RunnerTest, ExplicitName) {
  RunError error;
  std::unique_ptr<ModelLibrary> model =
      ModelLibrary::load(kFakeModel, "fake_add", error);
  ASSERT_TRUE(model) << error.reason;
  EXPECT_EQ(model->inputs().size(), 2u);
}

//===----------------------------------------------------------------------===//
// runGraph
//===----------------------------------------------------------------------===//

TEST_F(RunnerTest, Info) {
  RunOptions o = options();
  o.info = true;
  EXPECT_EQ(run(o), ExitSuccess) << err;
  EXPECT_EQ(out, "model: fake_model (ABI version 3)\n"
                 "input 0: x float32 [2,3]\n"
                 "output 0: y:0 float32 [2,3]\n"
                 "output 1: count:0 int32 [2]\n");
  EXPECT_EQ(err, "");
}

TEST_F(RunnerTest, PrintsOutputs) {
  EXPECT_EQ(run(options({"x=" + path("x.npy")})), ExitSuccess) << err;
  EXPECT_EQ(out, "y:0: float32 [2,3]\n"
                 "  3 -3 7\n"
                 "  9 11 -11\n"
                 "count:0: int32 [2]\n"
                 "  2 2\n");
  EXPECT_EQ(err, "");
}

TEST_F(RunnerTest, InputNameForms) {
  for (std::string spec :
       {"x=" + path("x.npy"), "x:0=" + path("x.npy"), path("x.npy")}) {
    SCOPED_TRACE(spec);
    EXPECT_EQ(run(options({spec})), ExitSuccess) << err;
    EXPECT_NE(out.find("  9 11 -11\n"), std::string::npos) << out;
  }
}

TEST_F(RunnerTest, InfoThenRun) {
  RunOptions o = options({path("x.npy")});
  o.info = true;
  EXPECT_EQ(run(o), ExitSuccess) << err;
  EXPECT_EQ(out.rfind("model: fake_model", 0), 0u) << out;
  EXPECT_NE(out.find("count:0: int32 [2]\n  2 2\n"), std::string::npos);
}

TEST_F(RunnerTest, WritesOutputs) {
  RunOptions o = options({path("x.npy")});
  o.outputs = {"y=" + path("out_y.npy"), "count:0=" + path("out_count.npy")};
  EXPECT_EQ(run(o), ExitSuccess) << err;
  EXPECT_EQ(out, ""); // Nothing printed with --output.
  NpyArray y, count;
  std::string error;
  ASSERT_TRUE(readNpy(path("out_y.npy"), y, error)) << error;
  EXPECT_EQ(y.dtype, GRAPHC_DT_FLOAT);
  EXPECT_EQ(y.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(valuesOf<float>(y), kY);
  ASSERT_TRUE(readNpy(path("out_count.npy"), count, error)) << error;
  EXPECT_EQ(count.dtype, GRAPHC_DT_INT32);
  EXPECT_EQ(valuesOf<int32_t>(count), (std::vector<int32_t>{2, 2}));
}

TEST_F(RunnerTest, ExpectPasses) {
  write("count.npy", makeArray<int32_t>(GRAPHC_DT_INT32, {2}, {2, 2}));
  RunOptions o = options({path("x.npy")});
  o.expects = {"y:0=" + path("y.npy"), "count=" + path("count.npy")};
  EXPECT_EQ(run(o), ExitSuccess) << err;
  EXPECT_NE(out.find("y:0: max_abs_err=0 max_rel_err=0 mismatches=0/6\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("count:0: max_abs_err=0 max_rel_err=0 mismatches=0/2\n"),
            std::string::npos)
      << out;
}

TEST_F(RunnerTest, ExpectWithinTolerance) {
  std::vector<float> nearY = kY;
  nearY[4] += 1e-3f;
  write("near.npy", makeArray<float>(GRAPHC_DT_FLOAT, {2, 3}, nearY));
  RunOptions o = options({path("x.npy")});
  o.expects = {"y=" + path("near.npy")};
  EXPECT_EQ(run(o), ExitMismatch) << out;
  o.atol = 2e-3;
  EXPECT_EQ(run(o), ExitSuccess) << out;
  o.atol = 0;
  o.rtol = 1e-3;
  EXPECT_EQ(run(o), ExitSuccess) << out;
}

TEST_F(RunnerTest, ExpectFails) {
  std::vector<float> wrong = kY;
  wrong[5] = -12;
  write("wrong.npy", makeArray<float>(GRAPHC_DT_FLOAT, {2, 3}, wrong));
  RunOptions o = options({path("x.npy")});
  o.expects = {"y:0=" + path("wrong.npy")};
  EXPECT_EQ(run(o), ExitMismatch);
  EXPECT_NE(out.find("y:0: max_abs_err=1 max_rel_err=0.0833333 "
                     "mismatches=1/6\n"
                     "  at [1,2]: got -11 expected -12\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(err, "");
}

TEST_F(RunnerTest, ExpectOtherDTypeAndSingleOutputForm) {
  std::vector<double> y(kY.begin(), kY.end());
  write("y64.npy", makeArray<double>(GRAPHC_DT_DOUBLE, {1, 2, 3}, y));
  RunOptions o = options({path("x.npy")});
  o.expects = {"y=" + path("y64.npy")};
  EXPECT_EQ(run(o), ExitSuccess) << err;
  EXPECT_NE(err.find("note: "), std::string::npos);
  EXPECT_NE(err.find("float64 reference"), std::string::npos) << err;

  // fake_model has two outputs, so a bare FILE is ambiguous.
  o.expects = {path("y.npy")};
  expectFailure(o, kFakeModel, "needs the form NAME=FILE.npy");
}

TEST_F(RunnerTest, DTypeMismatch) {
  std::vector<double> x(kX.begin(), kX.end());
  write("x64.npy", makeArray<double>(GRAPHC_DT_DOUBLE, {2, 3}, x));
  expectFailure(options({"x=" + path("x64.npy")}), path("x64.npy"),
                "dtype float64 does not match input 'x' (float32)");
}

TEST_F(RunnerTest, ShapeMismatch) {
  write("x32.npy", makeArray<float>(GRAPHC_DT_FLOAT, {3, 2}, kX));
  expectFailure(options({"x=" + path("x32.npy")}), path("x32.npy"),
                "shape [3,2] does not match input 'x' of shape [2,3]");
  write("x6.npy", makeArray<float>(GRAPHC_DT_FLOAT, {6}, kX));
  expectFailure(options({"x=" + path("x6.npy")}), path("x6.npy"),
                "shape [6] does not match");

  // Shapes that differ only in 1-dims are accepted with a note.
  write("x123.npy", makeArray<float>(GRAPHC_DT_FLOAT, {1, 2, 3}, kX));
  EXPECT_EQ(run(options({"x=" + path("x123.npy")})), ExitSuccess) << err;
  EXPECT_EQ(err.rfind("note: " + path("x123.npy") + ": shape [1,2,3]", 0), 0u)
      << err;
  EXPECT_NE(out.find("  9 11 -11\n"), std::string::npos);

  // The same rule for references.
  write("y32.npy", makeArray<float>(GRAPHC_DT_FLOAT, {3, 2}, kY));
  RunOptions o = options({path("x.npy")});
  o.expects = {"y=" + path("y32.npy")};
  expectFailure(o, path("y32.npy"), "does not match output 'y:0'");
}

TEST_F(RunnerTest, NameErrors) {
  expectFailure(options({"q=" + path("x.npy")}), kFakeModel,
                "the model has no input named 'q' (inputs: x)");
  expectFailure(options({"x=" + path("x.npy"), "x:0=" + path("x.npy")}),
                kFakeModel, "input 'x' is given twice");
  expectFailure(options({"=" + path("x.npy")}), kFakeModel,
                "expected NAME=FILE.npy");
  expectFailure(options({"x="}), kFakeModel, "expected NAME=FILE.npy");
  expectFailure(options(), kFakeModel,
                "no --input for input 'x' (float32 [2,3])");
  RunOptions o = options({path("x.npy")});
  o.outputs = {"nope=" + path("o.npy")};
  expectFailure(o, kFakeModel,
                "no output named 'nope' (outputs: y:0, count:0)");
}

TEST_F(RunnerTest, FileErrors) {
  expectFailure(options({"x=" + path("missing.npy")}), path("missing.npy"),
                "cannot open");
  std::ofstream(path("junk.npy")) << "junk";
  expectFailure(options({"x=" + path("junk.npy")}), path("junk.npy"),
                "not a .npy file");
  RunOptions o = options({path("x.npy")});
  o.expects = {"y=" + path("missing.npy")};
  expectFailure(o, path("missing.npy"), "cannot open");
  o.expects.clear();
  o.outputs = {"y=" + path("no/such/dir/y.npy")};
  expectFailure(o, path("no/such/dir/y.npy"), "cannot open for writing");
}

TEST_F(RunnerTest, LibraryErrors) {
  RunOptions o = options({path("x.npy")});
  o.libraryPath = path("missing.so");
  expectFailure(o, path("missing.so"), "cannot open");
  o.libraryPath = path("x.npy");
  expectFailure(o, path("x.npy"), "cannot load the library");
  o.libraryPath = dir;
  expectFailure(o, dir, "cannot load the library");

  o = options({path("x.npy")});
  o.name = "nope";
  expectFailure(o, kFakeModel, "the library exports no symbol 'nope'");
  o.name = "fake_noinfo";
  expectFailure(o, kFakeModel, "no symbol 'fake_noinfo_info'");
  o.name = "fake_future";
  expectFailure(o, kFakeModel, "ABI version 4, graph-run supports 3");
  o.name = "fake_broken";
  expectFailure(o, kFakeModel, "invalid model metadata: output 0 ('y:0')");

  // A file name that yields no entry point.
  std::filesystem::copy_file(kFakeModel, path("other.so"));
  o = options({path("x.npy")});
  o.libraryPath = path("other.so");
  expectFailure(o, path("other.so"),
                "found no model entry point (tried 'other' with its _info); "
                "pass --name NAME");
}

TEST_F(RunnerTest, ModelFailure) {
  std::vector<float> x = kX;
  x[0] = -999;
  write("fail.npy", makeArray<float>(GRAPHC_DT_FLOAT, {2, 3}, x));
  expectFailure(options({path("fail.npy")}), kFakeModel,
                "model 'fake_model' returned 7");
}

TEST_F(RunnerTest, Bench) {
  RunOptions o = options({path("x.npy")});
  o.benchRuns = 5;
  o.expects = {"y=" + path("y.npy")};
  EXPECT_EQ(run(o), ExitSuccess) << err;
  std::smatch match;
  EXPECT_TRUE(std::regex_search(
      out, match,
      std::regex("\nmedian_ms=[0-9.e+-]+ min_ms=[0-9.e+-]+ "
                 "mean_ms=[0-9.e+-]+ runs=5\n$")))
      << out;
  o.benchRuns = -1;
  expectFailure(o, kFakeModel, "--bench must not be negative");
}

TEST_F(RunnerTest, MultipleInputsHalfAndScalar) {
  write("a.npy", makeArray<float>(GRAPHC_DT_FLOAT, {3}, {1, 2, 3}));
  // 0.5, -1, 2 as float16.
  write("h.npy",
        makeArray<uint16_t>(GRAPHC_DT_HALF, {3}, {0x3800, 0xBC00, 0x4000}));
  write("total.npy", makeArray<float>(GRAPHC_DT_FLOAT, {}, {7.5}));
  RunOptions o = options({"h=" + path("h.npy"), "a=" + path("a.npy")});
  o.name = "fake_add";
  EXPECT_EQ(run(o), ExitSuccess) << err;
  EXPECT_EQ(out, "sum:0: float32 [3]\n"
                 "  1.5 1 5\n"
                 "total:0: float32 []\n"
                 "  7.5\n");
  o.expects = {"total=" + path("total.npy")};
  EXPECT_EQ(run(o), ExitSuccess) << err;
  EXPECT_NE(out.find("total:0: max_abs_err=0 max_rel_err=0 mismatches=0/1"),
            std::string::npos)
      << out;

  // Wrong dtype for the float16 input; a bare FILE with two inputs.
  o.expects.clear();
  o.inputs = {"h=" + path("a.npy"), "a=" + path("a.npy")};
  expectFailure(o, path("a.npy"),
                "dtype float32 does not match input 'h' (float16)");
  o.inputs = {path("a.npy")};
  expectFailure(o, kFakeModel, "needs the form NAME=FILE.npy");
}

TEST_F(RunnerTest, NoInputsAndLargeOutput) {
  RunOptions o = options();
  o.name = "fake_ramp";
  EXPECT_EQ(run(o), ExitSuccess) << err;
  EXPECT_EQ(out, "ramp:0: float32 [100]\n"
                 "  0 1 2 3 4 5 ... 94 95 96 97 98 99\n"
                 "  min=0 max=99 mean=49.5\n");
}

//===----------------------------------------------------------------------===//
// The graph-run executable
//===----------------------------------------------------------------------===//

/// Runs graph-run with \p args; returns its exit status and stderr.
int runTool(const std::string &args, const std::string &dir,
            std::string &stderrText) {
  std::string errFile = dir + "/stderr.txt";
  std::string command = std::string(kGraphRun) + " " + args + " >" + dir +
                        "/stdout.txt 2>" + errFile;
  int status = std::system(command.c_str());
  std::ifstream in(errFile);
  std::stringstream buffer;
  buffer << in.rdbuf();
  stderrText = buffer.str();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(RunnerTest, ToolExitCodes) {
  std::string lib = kFakeModel, errText;
  EXPECT_EQ(runTool(lib + " --input " + path("x.npy"), dir, errText), 0)
      << errText;
  EXPECT_EQ(runTool(lib + " --input " + path("x.npy") + " --expect y=" +
                        path("y.npy") + " --bench 2 --atol 1e-6 --rtol=0",
                    dir, errText),
            0)
      << errText;

  std::vector<float> wrong = kY;
  wrong[0] = 0;
  write("wrong.npy", makeArray<float>(GRAPHC_DT_FLOAT, {2, 3}, wrong));
  EXPECT_EQ(runTool(lib + " --input " + path("x.npy") + " --expect y=" +
                        path("wrong.npy"),
                    dir, errText),
            1);

  for (std::string args :
       {std::string(""), lib + " --bench=abc", lib + " --bench=-1",
        lib + " --atol=x", lib + " --rtol=-1", lib + " --frob",
        lib + " --info=3", lib + " --input", lib + " extra-positional",
        lib + " --name nope"}) {
    SCOPED_TRACE(args);
    EXPECT_EQ(runTool(args, dir, errText), 2);
    EXPECT_EQ(errText.rfind("error: ", 0), 0u) << errText;
    EXPECT_EQ(std::count(errText.begin(), errText.end(), '\n'), 1) << errText;
  }
}

} // namespace
