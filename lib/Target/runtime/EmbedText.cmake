# Writes the text file IN as a C++ raw string literal to OUT.
file(READ "${IN}" content)
file(WRITE "${OUT}" "R\"graphc_ir(${content})graphc_ir\"\n")
