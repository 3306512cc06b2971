/*
 * The floor for the compiler benchmark: what libyaml alone needs to read a file. It reads the
 * whole file into memory (as flowc does), runs libyaml's event parser over it and counts the
 * events, touching nothing else. flowc cannot load faster than this, since it uses the same
 * parser.
 *
 * Build: cc -O2 yaml_floor.c -lyaml -o yaml_floor
 * Usage: yaml_floor FILE   (prints the number of events; exit 1 on a parse error)
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 64;
  }
  FILE *file = fopen(argv[1], "rb");
  if (!file) {
    perror(argv[1]);
    return 1;
  }
  if (fseek(file, 0, SEEK_END) != 0) {
    perror(argv[1]);
    return 1;
  }
  long size = ftell(file);
  rewind(file);
  unsigned char *bytes = malloc(size > 0 ? (size_t)size : 1);
  if (!bytes || fread(bytes, 1, (size_t)size, file) != (size_t)size) {
    fprintf(stderr, "%s: cannot read\n", argv[1]);
    return 1;
  }
  fclose(file);

  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    fprintf(stderr, "out of memory\n");
    return 1;
  }
  yaml_parser_set_input_string(&parser, bytes, (size_t)size);
  unsigned long events = 0;
  int done = 0;
  while (!done) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      fprintf(stderr, "%s:%zu:%zu: %s\n", argv[1], parser.problem_mark.line + 1,
              parser.problem_mark.column + 1, parser.problem ? parser.problem : "error");
      yaml_parser_delete(&parser);
      free(bytes);
      return 1;
    }
    events++;
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
  }
  yaml_parser_delete(&parser);
  free(bytes);
  printf("%lu\n", events);
  return 0;
}
