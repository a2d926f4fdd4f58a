/* model_open.h - open a graphc-compiled library from a C test program:
 * dlopen it and look up NAME, NAME_with_workspace and NAME_info, checking
 * the ABI version (test/Cross/Inputs/npy_runner.c,
 * test/Execution/Inputs/concurrent_load.c, unload_load.c). */
#ifndef GRAPHC_TEST_UTILS_MODEL_OPEN_H
#define GRAPHC_TEST_UTILS_MODEL_OPEN_H

#include "graphc-c/Runtime.h"

#include <dlfcn.h>
#include <stdio.h>

struct OpenedModel {
  void *handle; /* dlopen's, for dlclose */
  const graphc_model_info *info;
  graphc_entry_fn run;
  graphc_entry_with_workspace_fn runWithWorkspace;
};

/* Fills `model` from model `name` of library `path`; 0 on success, else
 * prints an `error:` line and returns 2 (the programs' exit status). */
static inline int openModel(const char *path, const char *name,
                            struct OpenedModel *model) {
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "error: %s\n", dlerror());
    return 2;
  }
  model->handle = lib;
  char symbol[256];
  snprintf(symbol, sizeof symbol, "%s_info", name);
  graphc_info_fn infoFn = (graphc_info_fn)dlsym(lib, symbol);
  snprintf(symbol, sizeof symbol, "%s_with_workspace", name);
  model->runWithWorkspace = (graphc_entry_with_workspace_fn)dlsym(lib, symbol);
  model->run = (graphc_entry_fn)dlsym(lib, name);
  if (!infoFn || !model->run || !model->runWithWorkspace) {
    fprintf(stderr, "error: %s exports no model '%s'\n", path, name);
    return 2;
  }
  model->info = infoFn();
  if (model->info->abi_version != GRAPHC_ABI_VERSION) {
    fprintf(stderr, "error: %s: ABI %u, expected %d\n", path,
            model->info->abi_version, GRAPHC_ABI_VERSION);
    return 2;
  }
  return 0;
}

#endif /* GRAPHC_TEST_UTILS_MODEL_OPEN_H */
