//===- CheckpointFuzzer.cpp - fuzz the checkpoint (tensor bundle) reader --===//
//
// The input is `INDEX SEP DATA` (a V2 checkpoint: ckpt.index and
// ckpt.data-00000-of-00001) or, without a separator, one V1 checkpoint
// file (ckpt-00000-of-00001). The reader opens it and reads every tensor,
// as graph-freeze-variables would. Oracle: sanitizers, libFuzzer's limits,
// and every failure comes with a message.
//
//===----------------------------------------------------------------------===//
#include "FuzzSupport.h"

#include "graphc/Import/TensorBundle.h"

#include "llvm/Support/FileSystem.h"

using namespace graphc;
using namespace graphc::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::vector<std::string> files = splitFiles(data, size);
  std::string dir = scratchDir() + "/checkpoint";
  llvm::sys::fs::remove_directories(dir);
  std::string prefix = dir + "/ckpt";
  if (files.size() == 1) {
    writeScratchFile("checkpoint/ckpt-00000-of-00001", files[0]);
  } else {
    writeScratchFile("checkpoint/ckpt.index", files[0]);
    writeScratchFile("checkpoint/ckpt.data-00000-of-00001", files[1]);
  }
  std::string error;
  std::unique_ptr<tf::TensorBundleReader> reader =
      tf::TensorBundleReader::open(prefix, error);
  if (!reader) {
    if (error.empty())
      finding("TensorBundleReader::open failed without a message");
    return 0;
  }
  for (const std::string &key : reader->keys()) {
    tf::Tensor tensor;
    std::string readError;
    if (!reader->read(key, tensor, readError) && readError.empty())
      finding("TensorBundleReader::read failed without a message");
  }
  return 0;
}
