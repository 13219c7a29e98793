/* countroom from C: open a count from its log, append a bundle, print the
 * line to write to the log and the documents as JSON.
 *
 * Build (from the repository root):
 *   cargo build -p countroom-ffi
 *   cc -std=c99 -Iinclude examples/c/count_log.c -o count_log \
 *      -Ltarget/debug -lcountroom_ffi -Wl,-rpath,"$PWD/target/debug"
 *   ./count_log examples/data/westbury.jsonl
 *
 * The bundle is Westbury's (examples/data/westbury.jsonl); for another log,
 * change the entry. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "countroom.h"

static unsigned char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *bytes = malloc(size > 0 ? (size_t)size : 1);
  *len = fread(bytes, 1, (size_t)size, f);
  fclose(f);
  return bytes;
}

/* Prints a failed call's status and problems (a JSON list). */
static void report(const char *what, CountroomStatus status, const CountroomBuffer *problems) {
  fprintf(stderr, "%s: %s\n%s", what, countroom_status_name(status),
          problems->data ? (const char *)problems->data : "");
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s LOG.jsonl\n", argv[0]);
    return 2;
  }
  size_t len = 0;
  unsigned char *log = read_file(argv[1], &len);
  if (!log) {
    perror(argv[1]);
    return 3;
  }
  printf("countroom %s\n", countroom_version());

  CountroomCount *count = NULL;
  CountroomBuffer out = {NULL, 0, 0};
  CountroomStatus status = countroom_count_open(log, len, &count, &out);
  free(log);
  if (status != COUNTROOM_STATUS_OK) {
    report("open", status, &out);
    countroom_buffer_free(&out);
    return 1;
  }
  countroom_buffer_free(&out);

  const char *entry =
      "{\"by\":\"Acting Returning Officer (Sam Okafor)\",\"at\":\"2029-05-04T01:10:00+01:00\","
      "\"event\":{\"bundle_counted\":{\"contest\":\"westbury\",\"run\":1,\"bundle\":\"B1\","
      "\"table\":\"T1\",\"papers\":10,\"votes\":[{\"candidate\":\"WB-ALLEN\",\"votes\":5},"
      "{\"candidate\":\"WB-BAKER\",\"votes\":3},{\"candidate\":\"WB-COLE\",\"votes\":2}]}}}";
  status = countroom_count_append(count, (const uint8_t *)entry, strlen(entry), &out);
  if (status == COUNTROOM_STATUS_OK) {
    /* The line to write to the log file. */
    printf("appended: %s", (const char *)out.data);
  } else {
    /* Refused: the count is unchanged; the problems say why. */
    report("append", status, &out);
  }
  countroom_buffer_free(&out);

  status = countroom_count_documents(count, "westbury", &out);
  if (status == COUNTROOM_STATUS_OK) {
    fwrite(out.data, 1, out.len, stdout);
  } else {
    report("documents", status, &out);
  }
  countroom_buffer_free(&out);
  countroom_count_close(count);
  return status == COUNTROOM_STATUS_OK ? 0 : 1;
}
