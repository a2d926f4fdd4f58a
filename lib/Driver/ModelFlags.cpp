//===- ModelFlags.cpp - the model options every tool takes ----------------===//
//
// See ModelFlags.h.
//
//===----------------------------------------------------------------------===//
#include "graphc/Driver/ModelFlags.h"

#include "llvm/ADT/SmallVector.h"

bool graphc::parseModelFlags(const ModelFlags &flags,
                             ModelImportOptions &options, std::string &error) {
  options.path = flags.path;
  options.checkpoint = flags.checkpoint;
  options.signature = flags.signature;
  options.savedModelTags.clear();
  llvm::SmallVector<llvm::StringRef> tags;
  llvm::StringRef(flags.savedModelTags).split(tags, ',', -1, false);
  for (llvm::StringRef tag : tags)
    options.savedModelTags.push_back(tag.trim().str());
  for (const std::string &text : flags.feeds) {
    std::optional<FeedSpec> feed = parseFeedSpec(text, error);
    if (!feed)
      return false;
    options.import.feeds.push_back(*feed);
  }
  for (const std::string &text : flags.fetches) {
    std::optional<FetchSpec> fetch = parseFetchSpec(text, error);
    if (!fetch)
      return false;
    options.import.fetches.push_back(*fetch);
  }
  return true;
}
