//===- Translations.h - graph-translate's registered translations -*- C++ -*-===//
//
// graph-translate is mlir-translate (mlirTranslateMain) with graphc's
// translations registered:
//   --import-graphdef  a TF model file (.pb, .pbtxt, .meta, or a
//                      SavedModel's saved_model.pb) to the graph dialect, as
//                      graph-compile imports it (graphc::importModel), with
//                      the model flags --feed, --fetch, --checkpoint,
//                      --saved-model-tags and --signature;
//   --export-graphdef  a graph-dialect module back to a GraphDef (binary;
//                      --graphdef-text for text): the frozen-GraphDef writer
//                      of `graph-compile --emit frozen-pb`.
// Diagnostics use graphc's one-line format (Diagnostics.h).
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_DRIVER_TRANSLATIONS_H
#define GRAPHC_DRIVER_TRANSLATIONS_H

namespace graphc {

/// Registers the translations and their options; call before
/// mlirTranslateMain parses the command line.
void registerGraphcTranslations();

} // namespace graphc

#endif // GRAPHC_DRIVER_TRANSLATIONS_H
