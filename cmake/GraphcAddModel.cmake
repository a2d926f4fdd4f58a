# graphc_add_model(): a TensorFlow model compiled by graphc at build time,
# as a library target carrying its generated header.
#
#   graphc_add_model(<target>
#     MODEL <.pb | .pbtxt | .meta | SavedModel directory>
#     [FEEDS <NAME[:INDEX][:SHAPE]>...]      e.g. "x:1x224x224x3"
#     [FETCHES <NAME[:INDEX]>...]            e.g. "probs"
#     [CHECKPOINT <prefix>] [SAVED_MODEL_TAGS <tag>...] [SIGNATURE <key>]
#     [NAME <C name>]                        default: <target>
#     [SHARED]                               default: a static library
#     [OPTIONS <graph-compile argument>...]) e.g. --threads 2, -O2
#
# graph-compile runs when the model (every file of a SavedModel directory,
# the checkpoint's files), the options or graph-compile itself change, and
# writes <NAME>.o and <NAME>.h into ${CMAKE_CURRENT_BINARY_DIR}/graphc/
# <target>/. <target> is a STATIC (or SHARED) library of that object whose
# include directories carry <NAME>.h and graphc-c/Runtime.h: link it and
# `#include "<NAME>.h"`. Several models (or one model under several names)
# link into one program: every global symbol starts with NAME.
#
# Works with an installed graphc (find_package(graphc)) and inside graphc's
# own build (where the graph-compile target exists).
include_guard(GLOBAL)
find_package(Threads REQUIRED)

function(graphc_add_model target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "SHARED"
    "MODEL;CHECKPOINT;SIGNATURE;NAME" "FEEDS;FETCHES;SAVED_MODEL_TAGS;OPTIONS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "graphc_add_model(${target}): unknown arguments: "
                        "${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_MODEL)
    message(FATAL_ERROR "graphc_add_model(${target}): MODEL is required")
  endif()
  get_filename_component(model "${ARG_MODEL}" ABSOLUTE)
  if(NOT EXISTS "${model}")
    message(FATAL_ERROR "graphc_add_model(${target}): no model at ${model}")
  endif()
  set(name "${target}")
  if(ARG_NAME)
    set(name "${ARG_NAME}")
  endif()
  if(TARGET graphc::graph-compile)
    set(compiler graphc::graph-compile)
  elseif(TARGET graph-compile)
    set(compiler graph-compile)
  else()
    message(FATAL_ERROR "graphc_add_model(${target}): no graph-compile "
                        "target; call find_package(graphc) first")
  endif()

  set(dir "${CMAKE_CURRENT_BINARY_DIR}/graphc/${target}")
  set(prefix "${dir}/${name}")
  set(args "${model}" -o "${prefix}" --name "${name}" --emit obj,h)
  foreach(feed IN LISTS ARG_FEEDS)
    list(APPEND args --feed "${feed}")
  endforeach()
  foreach(fetch IN LISTS ARG_FETCHES)
    list(APPEND args --fetch "${fetch}")
  endforeach()
  # What graph-compile reads: the model file, or every file of a SavedModel
  # directory, and the checkpoint's index and data files.
  set(inputs "${model}")
  if(IS_DIRECTORY "${model}")
    file(GLOB_RECURSE inputs CONFIGURE_DEPENDS "${model}/*")
  endif()
  if(ARG_CHECKPOINT)
    get_filename_component(checkpoint "${ARG_CHECKPOINT}" ABSOLUTE)
    list(APPEND args --checkpoint "${checkpoint}")
    file(GLOB checkpoint_files CONFIGURE_DEPENDS "${checkpoint}.*" "${checkpoint}")
    list(APPEND inputs ${checkpoint_files})
  endif()
  if(ARG_SAVED_MODEL_TAGS)
    string(REPLACE ";" "," tags "${ARG_SAVED_MODEL_TAGS}")
    list(APPEND args --saved-model-tags "${tags}")
  endif()
  if(ARG_SIGNATURE)
    list(APPEND args --signature "${ARG_SIGNATURE}")
  endif()
  list(APPEND args ${ARG_OPTIONS})

  add_custom_command(
    OUTPUT "${prefix}.o" "${prefix}.h"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${dir}"
    COMMAND ${compiler} ${args}
    DEPENDS ${inputs} ${compiler} "$<TARGET_FILE:${compiler}>"
    COMMENT "graphc: compiling ${ARG_MODEL} as ${name}"
    VERBATIM)
  set_source_files_properties("${prefix}.o" PROPERTIES
    EXTERNAL_OBJECT TRUE GENERATED TRUE)
  if(ARG_SHARED)
    add_library(${target} SHARED "${prefix}.o" "${prefix}.h")
  else()
    add_library(${target} STATIC "${prefix}.o" "${prefix}.h")
  endif()
  set_target_properties(${target} PROPERTIES LINKER_LANGUAGE C)
  # The generated code calls libm (expf, ...) and, with --threads, pthreads.
  target_link_libraries(${target} PUBLIC m Threads::Threads)
  target_include_directories(${target} PUBLIC "${dir}")
  if(DEFINED GRAPHC_INCLUDE_DIR)
    target_include_directories(${target} PUBLIC "${GRAPHC_INCLUDE_DIR}")
  endif()
endfunction()
