# Renders every sample into OUT_DIR: each template (template.yml / template.yaml) and each standalone ASL
# file at the top of a samples/<name>/ folder becomes OUT_DIR/<name>/<machine ID>.svg and .png.
# Run by the render-samples target: cmake -DSFNVIZ=... -DSAMPLES=... -DOUT_DIR=... -P render_samples.cmake
file(GLOB sample_dirs LIST_DIRECTORIES true "${SAMPLES}/*")
set(count 0)
foreach(dir ${sample_dirs})
  if(NOT IS_DIRECTORY "${dir}")
    continue()
  endif()
  get_filename_component(name "${dir}" NAME)
  file(GLOB inputs "${dir}/template.yml" "${dir}/template.yaml" "${dir}/*.asl.json" "${dir}/*.asl.yaml")
  foreach(input ${inputs})
    # Relative to the repository, so diagram titles name the file as a reader of the repository sees it.
    get_filename_component(top "${SAMPLES}" DIRECTORY)
    file(RELATIVE_PATH rel "${top}" "${input}")
    foreach(fmt svg png)
      execute_process(COMMAND "${SFNVIZ}" render "${rel}" -f ${fmt} -o "${OUT_DIR}/${name}/"
                      WORKING_DIRECTORY "${top}" RESULT_VARIABLE rc)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "sfnviz render ${input} -f ${fmt} failed (exit ${rc})")
      endif()
    endforeach()
    math(EXPR count "${count} + 1")
  endforeach()
endforeach()
message(STATUS "Rendered ${count} sample files into ${OUT_DIR}")
