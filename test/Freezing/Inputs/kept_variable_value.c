/* keep-variable.test: prints what tf1_info() states about the kept
   variable: how many there are, the last input's name, its saved value. */
#include "graphc-c/Runtime.h"

#include <stdio.h>

const graphc_model_info *tf1_info(void);

int main(void) {
  const graphc_model_info *info = tf1_info();
  printf("%d %s %g\n", info->num_variables,
         info->inputs[info->num_inputs - 1].name,
         *(const float *)info->variable_values[0]);
  return 0;
}
