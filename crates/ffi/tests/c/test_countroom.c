/* The C ABI from C: every function of include/countroom.h, with its error
 * paths. Built and run (under valgrind) by crates/ffi/tests/run_c.sh:
 *
 *   test_countroom REPO_DIR EXPECTED_DIR
 *
 * EXPECTED_DIR holds what the `countroom` CLI printed for the same inputs
 * (abbey-ward.json, westbury.json, westbury-contest.json, stv-ward.json,
 * stv-ward-ni.json): the C ABI must give the same bytes. Ends with
 * "N passed, N failed". */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "countroom.h"

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                           \
  do {                                                                        \
    if (cond) {                                                               \
      passed++;                                                               \
    } else {                                                                  \
      failed++;                                                               \
      fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond);     \
    }                                                                         \
  } while (0)

static const CountroomBuffer EMPTY = {NULL, 0, 0};

/* The whole file at dir/name, or NULL. */
static unsigned char *slurp(const char *dir, const char *name, size_t *len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  unsigned char *buf = malloc(cap);
  size_t got;
  while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

static int same(const CountroomBuffer *b, const unsigned char *bytes, size_t len) {
  return b->data != NULL && b->len == len && memcmp(b->data, bytes, len) == 0;
}

/* Whether the buffer (a JSON problem list) mentions `"code": "CODE"`. */
static int has_code(const CountroomBuffer *b, const char *code) {
  char needle[256];
  snprintf(needle, sizeof needle, "\"code\": \"%s\"", code);
  return b->data != NULL && b->data[b->len] == '\0' &&
         strstr((const char *)b->data, needle) != NULL;
}

static void test_version_and_names(void) {
  const char *v = countroom_version();
  CHECK(v != NULL && v[0] >= '0' && v[0] <= '9');
  CHECK(strcmp(countroom_status_name(COUNTROOM_STATUS_OK), "ok") == 0);
  CHECK(strcmp(countroom_status_name(COUNTROOM_STATUS_INVALID_ARGUMENT), "invalid_argument") == 0);
  CHECK(strcmp(countroom_status_name(COUNTROOM_STATUS_INPUT), "input") == 0);
  CHECK(strcmp(countroom_status_name(COUNTROOM_STATUS_REJECTED), "rejected") == 0);
  CHECK(strcmp(countroom_status_name(COUNTROOM_STATUS_NOT_FOUND), "not_found") == 0);
  CHECK(strcmp(countroom_status_name(COUNTROOM_STATUS_IO), "io") == 0);
  CHECK(strcmp(countroom_status_name(COUNTROOM_STATUS_INTERNAL), "internal") == 0);
  /* A value no status has: named, never undefined behaviour (audit 13). */
  CHECK(strcmp(countroom_status_name(7), "unknown") == 0);
  CHECK(strcmp(countroom_status_name(-1), "unknown") == 0);
  CHECK(strcmp(countroom_status_name(1000000), "unknown") == 0);
}

static void test_replay(const char *data, const char *expected) {
  size_t log_len, exp_len;
  unsigned char *log = slurp(data, "abbey-ward.jsonl", &log_len);
  unsigned char *exp = slurp(expected, "abbey-ward.json", &exp_len);
  CHECK(log != NULL && exp != NULL);
  if (!log || !exp) return;

  CountroomBuffer out = EMPTY;
  CHECK(countroom_replay(log, log_len, &out) == COUNTROOM_STATUS_OK);
  CHECK(same(&out, exp, exp_len));
  CHECK(out.data[out.len] == '\0');
  CHECK(countroom_buffer_free(&out) == COUNTROOM_STATUS_OK);
  CHECK(out.data == NULL && out.len == 0);

  /* Null pointer, zero length, no out buffer. */
  CHECK(countroom_replay(NULL, 10, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "null_pointer"));
  countroom_buffer_free(&out);
  CHECK(countroom_replay(log, 0, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "empty_input"));
  countroom_buffer_free(&out);
  CHECK(countroom_replay(log, log_len, NULL) == COUNTROOM_STATUS_INVALID_ARGUMENT);

  /* Not UTF-8, not JSON, not a count log, a line changed. */
  const unsigned char bad_utf8[] = {0xff, 0xfe, '\n'};
  CHECK(countroom_replay(bad_utf8, sizeof bad_utf8, &out) == COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "not_utf8"));
  countroom_buffer_free(&out);
  const char *bad_json = "{nope\n";
  CHECK(countroom_replay((const uint8_t *)bad_json, strlen(bad_json), &out) == COUNTROOM_STATUS_INPUT);
  CHECK(out.len > 0 && out.data[0] == '[');
  countroom_buffer_free(&out);

  /* One vote moved in a copy: the chain is broken, the replay refuses. */
  unsigned char *copy = malloc(log_len);
  memcpy(copy, log, log_len);
  char *votes = strstr((char *)copy, "\"votes\":1");
  CHECK(votes != NULL);
  if (votes) votes[8] = '2';
  CHECK(countroom_replay(copy, log_len, &out) == COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "chain_broken"));
  countroom_buffer_free(&out);
  free(copy);

  free(log);
  free(exp);
}

static const char *BUNDLE =
    "{\"by\":\"Acting Returning Officer (Sam Okafor)\",\"event\":{\"bundle_counted\":"
    "{\"contest\":\"westbury\",\"run\":1,\"bundle\":\"B1\",\"table\":\"T1\",\"papers\":10,"
    "\"votes\":[{\"candidate\":\"WB-ALLEN\",\"votes\":5},{\"candidate\":\"WB-BAKER\",\"votes\":3},"
    "{\"candidate\":\"WB-COLE\",\"votes\":2}]}}}";

static const char *UNKNOWN_CANDIDATE =
    "{\"by\":\"Acting Returning Officer (Sam Okafor)\",\"event\":{\"bundle_counted\":"
    "{\"contest\":\"westbury\",\"run\":1,\"bundle\":\"B2\",\"table\":\"T1\",\"papers\":1,"
    "\"votes\":[{\"candidate\":\"WB-NOBODY\",\"votes\":1}]}}}";

static const char *OVERFLOW =
    "{\"by\":\"Acting Returning Officer (Sam Okafor)\",\"event\":{\"bundle_counted\":"
    "{\"contest\":\"westbury\",\"run\":1,\"bundle\":\"B3\",\"table\":\"T1\",\"papers\":1,"
    "\"votes\":[{\"candidate\":\"WB-ALLEN\",\"votes\":18446744073709551615}]}}}";

static const char *UNKNOWN_CONTEST =
    "{\"by\":\"Acting Returning Officer (Sam Okafor)\",\"event\":{\"count_completed\":"
    "{\"contest\":\"nowhere\",\"run\":1}}}";

/* The log of `count` equals `bytes`. */
static int log_is(CountroomCount *count, const unsigned char *bytes, size_t len) {
  CountroomBuffer out = EMPTY;
  int ok = countroom_count_log(count, &out) == COUNTROOM_STATUS_OK && same(&out, bytes, len);
  countroom_buffer_free(&out);
  return ok;
}

static void test_count(const char *data, const char *expected) {
  size_t log_len, exp_len, contest_len;
  unsigned char *log = slurp(data, "westbury.jsonl", &log_len);
  unsigned char *exp = slurp(expected, "westbury.json", &exp_len);
  unsigned char *exp_contest = slurp(expected, "westbury-contest.json", &contest_len);
  CHECK(log != NULL && exp != NULL && exp_contest != NULL);
  if (!log || !exp || !exp_contest) return;

  CountroomBuffer out = EMPTY;
  CountroomCount *count = NULL;

  /* Open: the bad cases first. */
  CHECK(countroom_count_open(log, log_len, NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "null_pointer"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_open(NULL, 0, &count, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(count == NULL);
  countroom_buffer_free(&out);
  CHECK(countroom_count_open(log, log_len, &count, NULL) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(count == NULL);
  const char *not_a_log = "hello\n";
  CHECK(countroom_count_open((const uint8_t *)not_a_log, strlen(not_a_log), &count, &out) ==
        COUNTROOM_STATUS_INPUT);
  CHECK(count == NULL);
  countroom_buffer_free(&out);

  CHECK(countroom_count_open(log, log_len, &count, &out) == COUNTROOM_STATUS_OK);
  CHECK(count != NULL);
  CHECK(out.len == 3 && memcmp(out.data, "[]\n", 3) == 0);
  countroom_buffer_free(&out);
  if (!count) return;

  /* The documents in another format: the CLI's text, byte for byte
   * (audit 13, finding 11); an unknown format refused by name. */
  {
    size_t txt_len = 0;
    unsigned char *txt = slurp(expected, "westbury.txt", &txt_len);
    CHECK(txt != NULL);
    CHECK(countroom_count_documents_in(count, "text", NULL, &out) == COUNTROOM_STATUS_OK);
    CHECK(txt != NULL && same(&out, txt, txt_len));
    countroom_buffer_free(&out);
    CHECK(countroom_count_documents_in(count, "pdf", NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
    CHECK(has_code(&out, "unknown_format"));
    countroom_buffer_free(&out);
    CHECK(countroom_count_documents_in(count, NULL, NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
    countroom_buffer_free(&out);
    free(txt);
  }

  /* Documents: all, one contest, an unknown one, an id not UTF-8. */
  CHECK(countroom_count_documents(count, NULL, &out) == COUNTROOM_STATUS_OK);
  CHECK(same(&out, exp, exp_len));
  countroom_buffer_free(&out);
  CHECK(countroom_count_documents(count, "westbury", &out) == COUNTROOM_STATUS_OK);
  CHECK(same(&out, exp_contest, contest_len));
  countroom_buffer_free(&out);
  CHECK(countroom_count_documents(count, "nowhere", &out) == COUNTROOM_STATUS_NOT_FOUND);
  CHECK(has_code(&out, "unknown_contest"));
  CHECK(strstr((const char *)out.data, "westbury") != NULL);
  countroom_buffer_free(&out);
  CHECK(countroom_count_documents(count, "\xff\xfe", &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "not_utf8"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_documents(NULL, NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_documents(count, NULL, NULL) == COUNTROOM_STATUS_INVALID_ARGUMENT);

  /* Rejected appends leave the count unchanged. */
  CHECK(countroom_count_append(count, (const uint8_t *)UNKNOWN_CANDIDATE, strlen(UNKNOWN_CANDIDATE), &out) ==
        COUNTROOM_STATUS_REJECTED);
  CHECK(has_code(&out, "unknown") && strstr((const char *)out.data, "WB-NOBODY") != NULL);
  CHECK(strstr((const char *)out.data, "\"entry\": 4") != NULL);
  countroom_buffer_free(&out);
  CHECK(log_is(count, log, log_len));
  CHECK(countroom_count_append(count, (const uint8_t *)OVERFLOW, strlen(OVERFLOW), &out) ==
        COUNTROOM_STATUS_REJECTED);
  countroom_buffer_free(&out);
  CHECK(countroom_count_append(count, (const uint8_t *)UNKNOWN_CONTEST, strlen(UNKNOWN_CONTEST), &out) ==
        COUNTROOM_STATUS_REJECTED);
  CHECK(has_code(&out, "unknown") && strstr((const char *)out.data, "nowhere") != NULL);
  countroom_buffer_free(&out);
  CHECK(log_is(count, log, log_len));
  CHECK(countroom_count_documents(count, NULL, &out) == COUNTROOM_STATUS_OK);
  CHECK(same(&out, exp, exp_len));
  countroom_buffer_free(&out);

  /* Entries that are not entries. */
  const unsigned char bad_utf8[] = {'{', 0xff, '}'};
  CHECK(countroom_count_append(count, bad_utf8, sizeof bad_utf8, &out) == COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "not_utf8"));
  countroom_buffer_free(&out);
  const char *bad_json = "{\"by\":";
  CHECK(countroom_count_append(count, (const uint8_t *)bad_json, strlen(bad_json), &out) ==
        COUNTROOM_STATUS_INPUT);
  countroom_buffer_free(&out);
  const char *unknown_field = "{\"by\":\"x\",\"colour\":1,\"event\":{}}";
  CHECK(countroom_count_append(count, (const uint8_t *)unknown_field, strlen(unknown_field), &out) ==
        COUNTROOM_STATUS_INPUT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_append(count, NULL, 5, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_append(count, (const uint8_t *)BUNDLE, 0, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_append(NULL, (const uint8_t *)BUNDLE, strlen(BUNDLE), &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(log_is(count, log, log_len));

  /* A good append: the chained line, and the log is the old one plus it. */
  CHECK(countroom_count_append(count, (const uint8_t *)BUNDLE, strlen(BUNDLE), &out) == COUNTROOM_STATUS_OK);
  CHECK(out.len > 20 && memcmp(out.data, "{\"seq\":4,\"prev\":\"", 17) == 0);
  CHECK(out.data[out.len - 1] == '\n');
  size_t new_len = log_len + out.len;
  unsigned char *extended = malloc(new_len);
  memcpy(extended, log, log_len);
  memcpy(extended + log_len, out.data, out.len);
  countroom_buffer_free(&out);
  CHECK(log_is(count, extended, new_len));
  /* The same bundle again is refused, and changes nothing. */
  CHECK(countroom_count_append(count, (const uint8_t *)BUNDLE, strlen(BUNDLE), &out) ==
        COUNTROOM_STATUS_REJECTED);
  countroom_buffer_free(&out);
  CHECK(log_is(count, extended, new_len));
  /* The extended log replays to what the count's documents say. */
  CountroomBuffer replayed = EMPTY;
  CHECK(countroom_replay(extended, new_len, &replayed) == COUNTROOM_STATUS_OK);
  CHECK(countroom_count_documents(count, NULL, &out) == COUNTROOM_STATUS_OK);
  CHECK(replayed.len == out.len && memcmp(replayed.data, out.data, out.len) == 0);
  countroom_buffer_free(&out);
  countroom_buffer_free(&replayed);

  /* Progress: cheap, and the same chain head and entries as the
   * documents' evidence (audit 13, finding 12). */
  CHECK(countroom_count_progress(count, &out) == COUNTROOM_STATUS_OK);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"tamper_evident\": true") != NULL);
  CHECK(strstr((const char *)out.data, "\"contest\": \"westbury\"") != NULL);
  CountroomBuffer docs = EMPTY;
  CHECK(countroom_count_documents(count, NULL, &docs) == COUNTROOM_STATUS_OK);
  {
    /* The documents' "chain_head": "<64 hex>" appears in the progress too. */
    const char *key = "\"chain_head\": \"";
    const char *at = strstr((const char *)docs.data, key);
    CHECK(at != NULL);
    if (at) {
      char head[80];
      snprintf(head, sizeof head, "%.*s", (int)(strlen(key) + 64), at);
      CHECK(strstr((const char *)out.data, head) != NULL);
    }
  }
  countroom_buffer_free(&docs);
  countroom_buffer_free(&out);
  CHECK(countroom_count_progress((CountroomCount *)&passed, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);

  /* Two counts opened from the same log are independent. */
  CountroomCount *other = NULL;
  CHECK(countroom_count_open(log, log_len, &other, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(other != NULL && other != count);
  CHECK(log_is(other, log, log_len));
  CHECK(countroom_count_close(other) == COUNTROOM_STATUS_OK);

  /* Close: once; a second close, or a call after it, is refused. */
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(countroom_count_documents(count, NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "unknown_count"));
  countroom_buffer_free(&out);
  /* A closed count's pointer is never a later count's (audit 13: it was
   * the address of a freed allocation, given again to the next count, so
   * an append through the stale pointer landed in another log). */
  CountroomCount *later = NULL;
  CHECK(countroom_count_open(log, log_len, &later, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(later != NULL && later != count && later != other);
  CHECK(countroom_count_append(count, (const uint8_t *)BUNDLE, strlen(BUNDLE), &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "unknown_count"));
  countroom_buffer_free(&out);
  CHECK(log_is(later, log, log_len)); /* unchanged */
  CHECK(countroom_count_close(later) == COUNTROOM_STATUS_OK);
  CHECK(countroom_count_close(NULL) == COUNTROOM_STATUS_OK);
  /* A pointer countroom never gave: looked up, never read. */
  CHECK(countroom_count_close((CountroomCount *)&passed) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(countroom_count_documents((CountroomCount *)&passed, NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_append((CountroomCount *)&failed, (const uint8_t *)BUNDLE, strlen(BUNDLE), &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "unknown_count"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_log((CountroomCount *)&failed, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);

  free(extended);
  free(log);
  free(exp);
  free(exp_contest);
}

static void test_stv(const char *data, const char *expected) {
  size_t blt_len, exp_len, ni_len;
  unsigned char *blt = slurp(data, "stv-ward.blt", &blt_len);
  unsigned char *exp = slurp(expected, "stv-ward.json", &exp_len);
  unsigned char *exp_ni = slurp(expected, "stv-ward-ni.json", &ni_len);
  CHECK(blt != NULL && exp != NULL && exp_ni != NULL);
  if (!blt || !exp || !exp_ni) return;

  CountroomBuffer out = EMPTY;
  CHECK(countroom_stv_count(blt, blt_len, COUNTROOM_STV_SCOTLAND, &out) == COUNTROOM_STATUS_OK);
  CHECK(same(&out, exp, exp_len));
  countroom_buffer_free(&out);
  CHECK(countroom_stv_count(blt, blt_len, COUNTROOM_STV_NORTHERN_IRELAND, &out) == COUNTROOM_STATUS_OK);
  CHECK(same(&out, exp_ni, ni_len));
  countroom_buffer_free(&out);

  char path[4096];
  snprintf(path, sizeof path, "%s/stv-ward.blt", data);
  CHECK(countroom_stv_count_file(path, COUNTROOM_STV_SCOTLAND, &out) == COUNTROOM_STATUS_OK);
  CHECK(same(&out, exp, exp_len));
  countroom_buffer_free(&out);

  /* Unknown rules, null, empty, a missing file, a path not UTF-8. */
  CHECK(countroom_stv_count(blt, blt_len, 7, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "unknown_rules"));
  countroom_buffer_free(&out);
  CHECK(countroom_stv_count(NULL, blt_len, COUNTROOM_STV_SCOTLAND, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_stv_count(blt, 0, COUNTROOM_STV_SCOTLAND, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_stv_count_file(NULL, COUNTROOM_STV_SCOTLAND, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_stv_count_file("/nonexistent/ward.blt", COUNTROOM_STV_SCOTLAND, &out) == COUNTROOM_STATUS_IO);
  CHECK(has_code(&out, "io"));
  countroom_buffer_free(&out);
  CHECK(countroom_stv_count_file("\xff.blt", COUNTROOM_STV_SCOTLAND, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_stv_count_file(path, COUNTROOM_STV_SCOTLAND, NULL) == COUNTROOM_STATUS_INVALID_ARGUMENT);

  /* Problems in the file, each with its line: seats not fewer than the
   * candidates, and a preference out of range. */
  const char *bad = "2 3\n1 1 0\n0\n\"A\"\n\"B\"\n\"T\"\n";
  CHECK(countroom_stv_count((const uint8_t *)bad, strlen(bad), COUNTROOM_STV_SCOTLAND, &out) ==
        COUNTROOM_STATUS_INPUT);
  CHECK(strstr((const char *)out.data, "\"line\": 1") != NULL);
  countroom_buffer_free(&out);
  const char *bad_pref = "2 1\n1 3 0\n0\n\"A\"\n\"B\"\n\"T\"\n";
  CHECK(countroom_stv_count((const uint8_t *)bad_pref, strlen(bad_pref), COUNTROOM_STV_SCOTLAND, &out) ==
        COUNTROOM_STATUS_INPUT);
  CHECK(strstr((const char *)out.data, "\"line\": 2") != NULL);
  countroom_buffer_free(&out);
  /* A count log given as a BLT file is named as what it is. */
  const char *log_line = "{\"schema\":\"countroom-count-log\"}\n";
  CHECK(countroom_stv_count((const uint8_t *)log_line, strlen(log_line), COUNTROOM_STV_SCOTLAND, &out) ==
        COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "wrong_kind_of_file"));
  countroom_buffer_free(&out);

  free(blt);
  free(exp);
  free(exp_ni);
}

/* Published results: the report and the implied log are the CLI's bytes
 * (`countroom results R --contests C --format json` and `--log OUT
 * --date 2029-05-03`), the files named as the CLI was given them. */
static void test_results(const char *repo, const char *expected) {
  size_t r_len = 0, c_len = 0, exp_len = 0, log_len = 0;
  unsigned char *r = slurp(repo, "examples/data/published/results.csv", &r_len);
  unsigned char *c = slurp(repo, "examples/data/published/contests.csv", &c_len);
  unsigned char *exp = slurp(expected, "results.json", &exp_len);
  unsigned char *exp_log = slurp(expected, "published.jsonl", &log_len);
  CHECK(r != NULL && c != NULL && exp != NULL && exp_log != NULL);
  CountroomCsvFile results = {"examples/data/published/results.csv", r, r_len};
  CountroomResultsOptions options;
  memset(&options, 0, sizeof options);
  options.contests.name = "examples/data/published/contests.csv";
  options.contests.data = c;
  options.contests.len = c_len;
  CountroomBuffer out = EMPTY;
  CHECK(countroom_results(&results, &options, &out) == COUNTROOM_STATUS_OK);
  CHECK(same(&out, exp, exp_len));
  CHECK(countroom_buffer_free(&out) == COUNTROOM_STATUS_OK);
  /* The log needs the poll date. */
  CHECK(countroom_results_log(&results, &options, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "no_date"));
  countroom_buffer_free(&out);
  options.date = "2029-05-03";
  CHECK(countroom_results_log(&results, &options, &out) == COUNTROOM_STATUS_OK);
  CHECK(same(&out, exp_log, log_len));
  countroom_buffer_free(&out);
  /* No options: the results file alone, named <results> when unnamed. */
  CountroomResultsOptions none;
  memset(&none, 0, sizeof none);
  CountroomCsvFile unnamed = {NULL, r, r_len};
  CHECK(countroom_results(&unnamed, NULL, &out) == COUNTROOM_STATUS_OK);
  CHECK(strstr((const char *)out.data, "\"source\": \"<results>\"") != NULL);
  countroom_buffer_free(&out);
  /* Error paths: NULL file, NULL data, zero length, NULL out, a bad date,
   * a name that is not UTF-8, a file with a bad figure. */
  CHECK(countroom_results(NULL, &none, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "null_pointer"));
  countroom_buffer_free(&out);
  CountroomCsvFile no_data = {"r.csv", NULL, 3};
  CHECK(countroom_results(&no_data, &none, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CountroomCsvFile zero = {"r.csv", r, 0};
  CHECK(countroom_results(&zero, &none, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "empty_input"));
  countroom_buffer_free(&out);
  CHECK(countroom_results(&results, &none, NULL) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  none.date = "7 May";
  CHECK(countroom_results(&results, &none, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "bad_date"));
  countroom_buffer_free(&out);
  none.date = NULL;
  CountroomCsvFile bad_name = {"\xff.csv", r, r_len};
  CHECK(countroom_results(&bad_name, &none, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "not_utf8"));
  countroom_buffer_free(&out);
  const char *bad = "contest,candidate,party,votes\nw,A,P,1.5\n";
  CountroomCsvFile bad_file = {"r.csv", (const uint8_t *)bad, strlen(bad)};
  CHECK(countroom_results(&bad_file, &none, &out) == COUNTROOM_STATUS_INPUT);
  CHECK(strstr((const char *)out.data, "\"line\": 2") != NULL);
  countroom_buffer_free(&out);
  free(r);
  free(c);
  free(exp);
  free(exp_log);
}

static void test_buffers(void) {
  CountroomBuffer out = EMPTY;
  CHECK(countroom_buffer_free(NULL) == COUNTROOM_STATUS_OK);
  CHECK(countroom_buffer_free(&out) == COUNTROOM_STATUS_OK); /* empty: no-op */
  CHECK(countroom_replay(NULL, 0, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CountroomBuffer copy = out;
  CHECK(countroom_buffer_free(&out) == COUNTROOM_STATUS_OK);
  CHECK(countroom_buffer_free(&out) == COUNTROOM_STATUS_OK); /* zeroed: no-op */
  /* A copy of a buffer already freed: refused, not freed twice. */
  CHECK(countroom_buffer_free(&copy) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  /* Bytes countroom never gave. */
  unsigned char mine[4] = {0};
  CountroomBuffer fake = {mine, 3, 0};
  CHECK(countroom_buffer_free(&fake) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  /* A stale copy whose memory was given again to a new buffer (audit 13):
   * the same address and length, an older tag. (Made here from a live
   * buffer, since under valgrind freed memory is not given again soon.)
   * Freeing the copy is refused, and the new buffer stays live and whole. */
  CHECK(countroom_replay(NULL, 0, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(out.tag != 0 && out.tag != copy.tag);
  CountroomBuffer stale = out;
  stale.tag = copy.tag; /* the tag of a buffer freed above */
  CHECK(countroom_buffer_free(&stale) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "null_pointer")); /* still readable */
  CHECK(countroom_buffer_free(&out) == COUNTROOM_STATUS_OK);
  /* A length or tag changed by the caller: refused, nothing freed. */
  CHECK(countroom_replay(NULL, 0, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CountroomBuffer wrong = out;
  wrong.len += 1;
  CHECK(countroom_buffer_free(&wrong) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  wrong = out;
  wrong.tag += 1;
  CHECK(countroom_buffer_free(&wrong) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(countroom_buffer_free(&out) == COUNTROOM_STATUS_OK);
  CHECK(out.data == NULL && out.len == 0 && out.tag == 0);
}

/* The typed commands: a bundle, rejected papers, completion and the
 * declaration from C values; each the same line as the JSON entry for the
 * same command; every error path leaves the count unchanged. */
static const char *TYPED_BUNDLE_JSON =
    "{\"by\":\"ro\",\"at\":\"2029-05-04T01:10:00+01:00\",\"event\":{\"bundle_counted\":"
    "{\"contest\":\"westbury\",\"run\":1,\"bundle\":\"B1\",\"papers\":58,"
    "\"votes\":[{\"candidate\":\"WB-ALLEN\",\"votes\":30},{\"candidate\":\"WB-BAKER\",\"votes\":18},"
    "{\"candidate\":\"WB-COLE\",\"votes\":10}]}}}";

static void test_typed(const char *data) {
  size_t log_len;
  unsigned char *log = slurp(data, "westbury.jsonl", &log_len);
  CHECK(log != NULL);
  if (!log) return;
  CountroomBuffer out = EMPTY;
  CountroomCount *count = NULL, *wire = NULL;
  CHECK(countroom_count_open(log, log_len, &count, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_open(log, log_len, &wire, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  if (!count || !wire) return;

  CountroomNote note = {"ro", "2029-05-04T01:10:00+01:00", NULL};
  CountroomVotes votes[3] = {{"WB-ALLEN", 30}, {"WB-BAKER", 18}, {"WB-COLE", 10}};
  uint64_t papers = 58;

  /* Error paths first: each leaves the count as it was. */
  CHECK(countroom_count_bundle(count, NULL, "westbury", "B1", votes, 3, &papers, &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "null_pointer"));
  countroom_buffer_free(&out);
  CountroomNote no_by = {NULL, NULL, NULL};
  CHECK(countroom_count_bundle(count, &no_by, "westbury", "B1", votes, 3, &papers, &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_bundle(count, &note, "westbury", "B1", NULL, 3, &papers, &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_bundle(NULL, &note, "westbury", "B1", votes, 3, &papers, &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_bundle(count, &note, "westbury", "B1", votes, 3, &papers, NULL) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(countroom_count_bundle(count, &note, "\xff", "B1", votes, 3, &papers, &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "not_utf8"));
  countroom_buffer_free(&out);
  /* Two ids that are not identifiers: both listed. */
  CHECK(countroom_count_bundle(count, &note, "west bury", "B 1", votes, 3, &papers, &out) ==
        COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "bad_id") && strstr((const char *)out.data, "\"field\": \"bundle\"") != NULL);
  countroom_buffer_free(&out);
  CountroomNote bad_at = {"ro", "eight o'clock", NULL};
  CHECK(countroom_count_bundle(count, &bad_at, "westbury", "B1", votes, 3, &papers, &out) ==
        COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "bad_time"));
  countroom_buffer_free(&out);
  /* Bad ids and a bad time: every problem at once (audit 13, finding 8). */
  CHECK(countroom_count_bundle(count, &bad_at, "west bury", "B 1", votes, 3, &papers, &out) ==
        COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "bad_id") && has_code(&out, "bad_time"));
  countroom_buffer_free(&out);
  CountroomVotes nobody[1] = {{"WB-NOBODY", 1}};
  CHECK(countroom_count_bundle(count, &note, "westbury", "B1", nobody, 1, NULL, &out) ==
        COUNTROOM_STATUS_REJECTED);
  CHECK(has_code(&out, "unknown"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_bundle(count, &note, "nowhere", "B1", votes, 3, &papers, &out) ==
        COUNTROOM_STATUS_REJECTED);
  CHECK(has_code(&out, "unknown"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_rejected(count, &note, "westbury", "no_such_head", 1, &out) ==
        COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "unknown_code"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_declare(count, &note, "westbury", &out) == COUNTROOM_STATUS_REJECTED);
  countroom_buffer_free(&out);
  CHECK(log_is(count, log, log_len));

  /* The bundle: the same line as the JSON entry. */
  CHECK(countroom_count_bundle(count, &note, "westbury", "B1", votes, 3, &papers, &out) ==
        COUNTROOM_STATUS_OK);
  CountroomBuffer line = EMPTY;
  CHECK(countroom_count_append(wire, (const uint8_t *)TYPED_BUNDLE_JSON, strlen(TYPED_BUNDLE_JSON),
                               &line) == COUNTROOM_STATUS_OK);
  CHECK(out.len == line.len && memcmp(out.data, line.data, line.len) == 0);
  CHECK(out.len > 20 && memcmp(out.data, "{\"seq\":4,", 9) == 0);
  countroom_buffer_free(&out);
  countroom_buffer_free(&line);
  /* A total past the largest count is refused. */
  CountroomVotes huge[1] = {{"WB-ALLEN", UINT64_MAX}};
  uint64_t huge_papers = UINT64_MAX;
  CHECK(countroom_count_bundle(count, &note, "westbury", "B2", huge, 1, &huge_papers, &out) ==
        COUNTROOM_STATUS_REJECTED);
  CHECK(has_code(&out, "total_overflow"));
  countroom_buffer_free(&out);
  /* Rejected papers (PER 2006 r.47(1)(b), too many votes), completion and
   * the declaration. */
  CHECK(countroom_count_rejected(count, &note, "westbury", "too_many_votes", 2, &out) ==
        COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CountroomNote later = {"ro", "2029-05-04T02:00:00+01:00", "all papers counted"};
  CHECK(countroom_count_complete(count, &later, "westbury", &out) == COUNTROOM_STATUS_OK);
  CHECK(strstr((const char *)out.data, "\"reason\":\"all papers counted\"") != NULL);
  countroom_buffer_free(&out);
  CHECK(countroom_count_bundle(count, &note, "westbury", "B9", votes, 3, &papers, &out) ==
        COUNTROOM_STATUS_REJECTED);
  CHECK(has_code(&out, "run_completed"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_declare(count, &later, "westbury", &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_declare(count, &later, "westbury", &out) == COUNTROOM_STATUS_REJECTED);
  CHECK(has_code(&out, "already_declared"));
  countroom_buffer_free(&out);
  /* The log written replays to the count's documents, declared. */
  CountroomBuffer whole = EMPTY, replayed = EMPTY;
  CHECK(countroom_count_log(count, &whole) == COUNTROOM_STATUS_OK);
  CHECK(countroom_replay(whole.data, whole.len, &replayed) == COUNTROOM_STATUS_OK);
  CHECK(countroom_count_documents(count, NULL, &out) == COUNTROOM_STATUS_OK);
  CHECK(replayed.len == out.len && memcmp(replayed.data, out.data, out.len) == 0);
  CHECK(strstr((const char *)out.data, "\"status\": \"declared\"") != NULL);
  countroom_buffer_free(&out);
  countroom_buffer_free(&replayed);
  countroom_buffer_free(&whole);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
  CHECK(countroom_count_close(wire) == COUNTROOM_STATUS_OK);
  /* After close: refused. */
  CHECK(countroom_count_complete(count, &note, "westbury", &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "unknown_count"));
  countroom_buffer_free(&out);
  free(log);
}

/* The length of the first `n` lines of `bytes` (each with its line feed). */
static size_t lines_len(const unsigned char *bytes, size_t len, size_t n) {
  size_t at = 0;
  for (size_t i = 0; i < n && at < len; i++) {
    const unsigned char *nl = memchr(bytes + at, '\n', len - at);
    if (!nl) return len;
    at = (size_t)(nl - bytes) + 1;
  }
  return at;
}

/* Opens the first `lines` lines of a shipped log (its header and entries
 * 1 to lines - 1); `*next` is where the next line starts. */
static CountroomCount *open_prefix(const unsigned char *log, size_t len, size_t lines, size_t *next) {
  CountroomBuffer out = EMPTY;
  CountroomCount *count = NULL;
  *next = lines_len(log, len, lines);
  CHECK(countroom_count_open(log, *next, &count, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  return count;
}

/* The buffer is the shipped log's line at `*at` (then moves past it). */
static int is_next_line(const CountroomBuffer *b, const unsigned char *log, size_t len, size_t *at) {
  size_t end = lines_len(log + *at, len - *at, 1);
  int ok = b->data != NULL && b->len == end && memcmp(b->data, log + *at, end) == 0;
  *at += end;
  return ok;
}

/* The other typed commands: re-count requested and decided, a lot, a local
 * total and its authorisation, each the shipped log's own line byte for
 * byte; a batch of papers from memory; their error paths. */
static void test_typed_more(const char *data) {
  size_t abbey_len, region_len, west_len, at;
  unsigned char *abbey = slurp(data, "abbey-ward.jsonl", &abbey_len);
  unsigned char *region = slurp(data, "exampleshire-region.jsonl", &region_len);
  unsigned char *west = slurp(data, "westbury.jsonl", &west_len);
  CHECK(abbey != NULL && region != NULL && west != NULL);
  if (!abbey || !region || !west) return;
  CountroomBuffer out = EMPTY;

  /* Abbey Ward, entries 87 and 88: the re-count asked for and granted. */
  CountroomCount *count = open_prefix(abbey, abbey_len, 87, &at);
  CountroomNote agent = {"khollis", NULL,
                         "three votes between third and fourth place, and a variance of one paper"};
  CHECK(countroom_count_request_recount(count, &agent, "abbey", "AB-EVANS", &out) == COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, abbey, abbey_len, &at));
  countroom_buffer_free(&out);
  CountroomNote ro = {"jmarsh", NULL, "margin is small and the papers counted differ from the papers verified"};
  CHECK(countroom_count_decide_recount(count, &ro, "abbey", 1, &out) == COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, abbey, abbey_len, &at));
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);

  /* Entry 105: the lot (PER 2006 r.49); then its errors. */
  count = open_prefix(abbey, abbey_len, 105, &at);
  const char *tied[2] = {"AB-BRENNAN", "AB-EVANS"};
  const char *winners[1] = {"AB-EVANS"};
  const char *how = "each candidate's name sealed in an identical envelope; one envelope drawn from an empty "
                    "ballot box by the Returning Officer in view of the candidates and agents";
  CountroomNote drew = {"jmarsh", "2026-05-08T04:20:00+01:00", NULL};
  CHECK(countroom_count_lot(count, &drew, "abbey", "coin", tied, 2, winners, 1, how, &out) ==
        COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "unknown_code"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_lot(count, &drew, "abbey", "election", NULL, 2, winners, 1, how, &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_lot(count, &drew, "abbey", "election", tied, 2, winners, 1, how, &out) ==
        COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, abbey, abbey_len, &at));
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);

  /* The Exampleshire region, entries 20 and 23: a constituency's list
   * total and the regional returning officer's authorisation. */
  count = open_prefix(region, region_len, 20, &at);
  CountroomVotes list[5] = {{"SAL", 18000}, {"THL", 13500}, {"BCON", 9000}, {"GRN", 5000}, {"IND-CAMPBELL", 1400}};
  CountroomHeadPapers heads[3] = {{"no_official_mark", 3}, {"too_many_votes", 118}, {"unmarked_or_void", 94}};
  CountroomNote lro = {"lro-north", "2026-05-08T10:40:00+01:00", NULL};
  CountroomHeadPapers bad_head[1] = {{"no_such_head", 1}};
  CHECK(countroom_count_local_total(count, &lro, "exampleshire-region", "northshire", 47115, list, 5, bad_head,
                                    1, NULL, &out) == COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "unknown_code"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_local_total(count, &lro, "exampleshire-region", "northshire", 47115, list, 5, NULL, 3,
                                    NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_local_total(count, &lro, "exampleshire-region", "northshire", 47115, list, 5, heads, 3,
                                    NULL, &out) == COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, region, region_len, &at));
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
  count = open_prefix(region, region_len, 23, &at);
  CountroomNote rro = {"hmarsh", "2026-05-08T11:20:00+01:00", NULL};
  CHECK(countroom_count_authorise(count, &rro, "exampleshire-region", "nowhere", &out) ==
        COUNTROOM_STATUS_REJECTED);
  countroom_buffer_free(&out);
  CHECK(countroom_count_authorise(count, &rro, "exampleshire-region", "northshire", &out) == COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, region, region_len, &at));
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);

  /* Westbury: a batch of three papers from memory (a cross for the first
   * candidate, one for the second, one unmarked), and its errors. */
  count = open_prefix(west, west_len, 4, &at);
  CountroomNote clerk = {"ro", NULL, NULL};
  uint32_t first[1] = {0}, second[1] = {1}, far[1] = {100000};
  CountroomPaper papers[3] = {{first, 1}, {second, 1}, {NULL, 0}};
  CountroomPaper bad[1] = {{far, 1}};
  CountroomPaper null_crosses[1] = {{NULL, 1}};
  CHECK(countroom_count_batch(count, &clerk, "westbury", "P1", bad, 1, &out) == COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "papers"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_batch(count, &clerk, "westbury", "P1", null_crosses, 1, &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(log_is(count, west, west_len));
  CHECK(countroom_count_batch(count, &clerk, "westbury", "P1", papers, 3, &out) == COUNTROOM_STATUS_OK);
  CHECK(strstr((const char *)out.data, "\"paper_batch_counted\"") != NULL &&
        strstr((const char *)out.data, "\"memory:P1\"") != NULL);
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
  free(abbey);
  free(region);
  free(west);
}

/* Entry `seq` of a shipped log as the typed call `call` (which uses the
 * count `c_` and the buffer `o_`): the log's own line, byte for byte. */
#define REPRODUCES(log, len, seq, call)                                       \
  do {                                                                        \
    size_t at_;                                                               \
    CountroomCount *c_ = open_prefix((log), (len), (seq), &at_);              \
    CountroomBuffer o_ = EMPTY;                                               \
    CHECK((call) == COUNTROOM_STATUS_OK);                                     \
    CHECK(is_next_line(&o_, (log), (len), &at_));                             \
    countroom_buffer_free(&o_);                                               \
    CHECK(countroom_count_close(c_) == COUNTROOM_STATUS_OK);                  \
  } while (0)

/* The typed call gives `want` and leaves the log as it was. */
#define REFUSED(count, log, len, want, call)                                  \
  do {                                                                        \
    CountroomBuffer o_ = EMPTY;                                               \
    CountroomCount *c_ = (count);                                             \
    CHECK((call) == (want));                                                  \
    CHECK(o_.data != NULL && o_.data[0] == '[');                              \
    countroom_buffer_free(&o_);                                               \
    CHECK(log_is(c_, (log), (len)));                                          \
  } while (0)

/* Abbey Ward's verification (PER 2006 r.45), postal opening (RPR 2001
 * reg 87), doubtful papers (r.47), definitions and an agent, each the
 * shipped log's own line; then the error paths. */
static void test_typed_verification(const char *data) {
  size_t len;
  unsigned char *log = slurp(data, "abbey-ward.jsonl", &len);
  CHECK(log != NULL);
  if (!log) return;
  CountroomNote jmarsh = {"jmarsh", NULL, NULL};
  const char *abbey[1] = {"abbey"};
  REPRODUCES(log, len, 17, countroom_count_define_polling_place(c_, &jmarsh, "PP-ABBEY-CC",
                                                               "Abbey Community Centre, Mill Lane", NULL, &o_));
  REPRODUCES(log, len, 19, countroom_count_define_polling_station(c_, &jmarsh, "AB1", "PP-ABBEY-CC", "Station AB1", &o_));
  REPRODUCES(log, len, 23, countroom_count_appoint_agent(c_, &jmarsh, "khollis", "Kim Hollis", "election_agent",
                                                         "abbey", "AB-EVANS", NULL, &o_));
  REPRODUCES(log, len, 24, countroom_count_define_ballot_box(c_, &jmarsh, "BOX-AB1", "AB1", abbey, 1, &o_));
  CountroomNote opener = {"radeyemi", "2026-05-05T14:00:00+01:00", NULL};
  CountroomNamedFigure placed[1] = {{"PV-1", 402}};
  CountroomNamedFigure reasons[6] = {{"signature_mismatch", 6},      {"date_of_birth_mismatch", 4},
                                     {"signature_blank", 2},         {"date_of_birth_blank", 1},
                                     {"paper_without_statement", 3}, {"statement_without_paper", 1}};
  REPRODUCES(log, len, 32, countroom_count_postal_opening(c_, &opener, "PO-1", "abbey", placed, 1, reasons, 6, &o_));
  CountroomNote dpatel = {"dpatel", NULL, NULL};
  const char *seals[2] = {"S10481", "S10482"};
  REPRODUCES(log, len, 36, countroom_count_receive_box(c_, &dpatel, "BOX-AB1", seals, 2, &o_));
  CountroomNote gobi = {"gobi", NULL, NULL};
  CountroomAccountFigures figures = {1012, 980, 6, 0, 2};
  CountroomSerialRange range[1] = {{"D0001", "D2000"}};
  REPRODUCES(log, len, 44, countroom_count_account(c_, &gobi, "BOX-AB1", "abbey", &figures, range, 1, &o_));
  REPRODUCES(log, len, 50, countroom_count_tendered_votes(c_, &gobi, "BOX-AB1", "abbey", 2, &o_));
  CountroomNote vclerk = {"vclerk1", NULL, NULL};
  REPRODUCES(log, len, 53, countroom_count_count_box(c_, &vclerk, "BOX-AB1", "abbey", 1, 1010, &o_));
  CountroomNote mover = {"gobi", NULL, "one district ballot paper (white) found in the town council box at station AB3"};
  REPRODUCES(log, len, 59, countroom_count_move_papers(c_, &mover, "TBOX-AB3", "abbey-town", "BOX-AB3", "abbey", 1, &o_));
  REPRODUCES(log, len, 66, countroom_count_explain(c_, &gobi, "abbey", "BOX-AB1",
                                                   "BOX-AB1 -2 and BOX-AB2 +2 at Abbey Community Centre: voters "
                                                   "used the other station's box", &o_));
  CountroomNote done = {"jmarsh", "2026-05-07T23:40:00+01:00", NULL};
  REPRODUCES(log, len, 68, countroom_count_complete_verification(c_, &done, "abbey", &o_));
  CountroomNote csup2 = {"csup2", NULL, NULL};
  CountroomSetAsidePaper aside[2] = {{"R1-D1", "tick outside the box"}, {"R1-D2", "writing on the paper"}};
  REPRODUCES(log, len, 79, countroom_count_set_aside(c_, &csup2, "abbey", aside, 2, &o_));
  CountroomNote valid = {"osiddiqui", NULL, "single tick outside the box against EVANS: intention clear (saving clause)"};
  const char *evans[1] = {"AB-EVANS"};
  REPRODUCES(log, len, 80, countroom_count_decide_doubtful(c_, &valid, "abbey", "R1-D1", "valid", evans, 1, NULL, 0, &o_));
  CountroomNote signed_ = {"osiddiqui", NULL, "voter signed the paper"};
  REPRODUCES(log, len, 81, countroom_count_decide_doubtful(c_, &signed_, "abbey", "R1-D2", "rejected", NULL, 0,
                                                           "identifying_mark", 1, &o_));
  CountroomNote part = {"osiddiqui", NULL, "two papers with one uncertain mark; the other votes counted"};
  REPRODUCES(log, len, 84, countroom_count_rejected_in_part(c_, &part, "abbey", 2, &o_));

  /* Error paths, on the count during its first run (after entry 83). */
  size_t at;
  CountroomCount *count = open_prefix(log, len, 84, &at);
  size_t before = at;
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT,
          countroom_count_account(c_, &gobi, "BOX 1", "ab bey", &figures, range, 1, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_account(c_, &gobi, "BOX-AB1", "abbey", NULL, range, 1, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_receive_box(c_, &dpatel, "BOX-AB1", NULL, 2, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_receive_box(c_, NULL, "BOX-AB1", seals, 2, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_REJECTED,
          countroom_count_receive_box(c_, &dpatel, "NO-SUCH-BOX", seals, 2, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_REJECTED,
          countroom_count_count_box(c_, &vclerk, "BOX-AB1", "nowhere", 9, 1, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT,
          countroom_count_decide_doubtful(c_, &valid, "abbey", "R1", "rejected", NULL, 0, NULL, 0, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT,
          countroom_count_decide_doubtful(c_, &valid, "abbey", "R1", "maybe", evans, 1, NULL, 0, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_REJECTED,
          countroom_count_decide_doubtful(c_, &valid, "abbey", "NO-SUCH", "valid", evans, 1, NULL, 0, &o_));
  CountroomNamedFigure lost[1] = {{"lost_in_post", 1}};
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT,
          countroom_count_postal_opening(c_, &opener, "PO-9", "abbey", placed, 1, lost, 1, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_postal_opening(c_, &opener, "PO-9", "abbey", NULL, 1, reasons, 6, &o_));
  CountroomSetAsidePaper null_paper[1] = {{NULL, NULL}};
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_set_aside(c_, &csup2, "abbey", null_paper, 1, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT, countroom_count_saved(c_, &jmarsh, "abbey", "smudge", 1, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_REJECTED,
          countroom_count_complete_verification(c_, &(CountroomNote){"stranger", NULL, NULL}, "abbey", &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT,
          countroom_count_move_papers(c_, &mover, "", "abbey-town", "BOX-AB3", "abbey", 1, &o_));
  /* A second objection to R1-D2 (objected to when decided, r.47(3)). */
  CountroomNote khollis = {"khollis", NULL, NULL};
  REFUSED(count, log, before, COUNTROOM_STATUS_REJECTED,
          countroom_count_object_to_paper(c_, &khollis, "abbey", "R1-D2", "AB-EVANS", &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT,
          countroom_count_object_to_head(c_, &khollis, "abbey", "no_such_head", 2, NULL, NULL, &o_));

  /* The rest against their JSON entries: the same line. */
  struct {
    const char *entry;
    int which;
  } same_as[] = {
      {"{\"by\":\"jmarsh\",\"event\":{\"saved_counted\":{\"contest\":\"abbey\",\"run\":1,\"reason\":\"tick\","
       "\"papers\":3}}}", 0},
      {"{\"by\":\"khollis\",\"event\":{\"rejection_objected\":{\"contest\":\"abbey\",\"run\":1,\"head\":"
       "\"too_many_votes\",\"papers\":2}}}", 1},
      {"{\"by\":\"jmarsh\",\"event\":{\"explanation_recorded\":{\"contest\":\"abbey\",\"run\":1,\"text\":"
       "\"one paper found under the table\"}}}", 2},
      {"{\"by\":\"jmarsh\",\"event\":{\"region_defined\":{\"region\":\"E15000006\",\"name\":\"Eastern\"}}}", 3},
      {"{\"by\":\"jmarsh\",\"event\":{\"officer_appointed\":{\"person\":\"clerk9\",\"name\":\"A Clerk\",\"role\":"
       "\"count_clerk\"}}}", 4},
  };
  for (size_t i = 0; i < sizeof same_as / sizeof same_as[0]; i++) {
    CountroomCount *wire = open_prefix(log, len, 84, &at);
    CountroomCount *typed = open_prefix(log, len, 84, &at);
    CountroomBuffer a = EMPTY, b = EMPTY;
    CHECK(countroom_count_append(wire, (const uint8_t *)same_as[i].entry, strlen(same_as[i].entry), &a) ==
          COUNTROOM_STATUS_OK);
    CountroomStatus s = COUNTROOM_STATUS_INTERNAL;
    switch (same_as[i].which) {
      case 0: s = countroom_count_saved(typed, &jmarsh, "abbey", "tick", 3, &b); break;
      case 1: s = countroom_count_object_to_head(typed, &khollis, "abbey", "too_many_votes", 2, NULL, NULL, &b); break;
      case 2: s = countroom_count_explain(typed, &jmarsh, "abbey", NULL, "one paper found under the table", &b); break;
      case 3: s = countroom_count_define_region(typed, &jmarsh, "E15000006", "Eastern", &b); break;
      case 4: s = countroom_count_appoint(typed, &jmarsh, "clerk9", "A Clerk", "count_clerk", NULL, 0, NULL, 0, NULL,
                                          NULL, &b); break;
    }
    CHECK(s == COUNTROOM_STATUS_OK);
    CHECK(a.data != NULL && b.data != NULL && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    countroom_buffer_free(&a);
    countroom_buffer_free(&b);
    CHECK(countroom_count_close(wire) == COUNTROOM_STATUS_OK);
    CHECK(countroom_count_close(typed) == COUNTROOM_STATUS_OK);
  }
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
  free(log);
}

/* The collation of a combined authority mayor and the supplementary
 * vote's second count (PCCEO 2012 Sch 3 rr.57, 60 as applied): each the
 * shipped log's own line; then error paths. */
static void test_typed_second_count(const char *data) {
  size_t len, town_len;
  unsigned char *log = slurp(data, "exampleshire-mayor.jsonl", &len);
  unsigned char *town = slurp(data, "exampletown-mayor.jsonl", &town_len);
  CHECK(log != NULL && town != NULL);
  if (!log || !town) return;
  CountroomNote hmarsh = {"hmarsh", "2028-05-05T08:00:00+01:00", NULL};
  uint64_t electorate = 160000;
  REPRODUCES(log, len, 2, countroom_count_define_counting_area(c_, &hmarsh, "northtown", "Northtown District", NULL,
                                                               &electorate, &o_));
  /* A local returning officer records their own appointment. */
  CountroomNote lro = {"lro-north", NULL, NULL};
  const char *mayor[1] = {"exampleshire-mayor"};
  REPRODUCES(log, len, 7, countroom_count_appoint(c_, &lro, "lro-north", "Alex Green", "returning_officer", NULL, 0,
                                                  mayor, 1, "northtown", NULL, &o_));
  CountroomNote recount = {"hmarsh", "2028-05-05T14:05:00+01:00",
                           "The election agent for BELL asked for a re-count in Westford after a bundle of 20 papers "
                           "for BELL was seen in ARORA's tray; the CARO directs a re-count of Westford only"};
  REPRODUCES(log, len, 15, countroom_count_order_area_recount(c_, &recount, "exampleshire-mayor", "westford", &o_));
  CountroomNote direct = {"hmarsh", "2028-05-05T15:30:00+01:00",
                          "No candidate has more than half of the first preference votes (PCCEO-form r.60(1) as "
                          "applied to combined authority mayors)"};
  const char *remaining[2] = {"XS-ARORA", "XS-BELL"};
  REPRODUCES(log, len, 19, countroom_count_direct_second_count(c_, &direct, "exampleshire-mayor", remaining, 2, &o_));
  CountroomNote second = {"lro-north", "2028-05-05T17:00:00+01:00", NULL};
  CountroomVotes prefs[2] = {{"XS-ARORA", 4100}, {"XS-BELL", 3600}};
  REPRODUCES(log, len, 20, countroom_count_local_second_count(c_, &second, "exampleshire-mayor", "northtown", prefs, 2,
                                                              2900, &o_));
  CountroomNote pnair = {"pnair", "2021-05-07T10:40:00+01:00", NULL};
  REPRODUCES(town, town_len, 5, countroom_count_verify_papers(c_, &pnair, "exampletown-mayor", 4000, &o_));
  CountroomNote completed = {"pnair", "2021-05-07T13:15:00+01:00",
                             "Second preferences on the 1,122 papers of CHAN and DOYLE counted from the adjudicated "
                             "batch"};
  REPRODUCES(town, town_len, 9, countroom_count_complete_second_count(c_, &completed, "exampletown-mayor", &o_));

  /* Error paths. */
  size_t at;
  CountroomCount *count = open_prefix(log, len, 20, &at);
  size_t before = at;
  REFUSED(count, log, before, COUNTROOM_STATUS_REJECTED,
          countroom_count_local_second_count(c_, &second, "exampleshire-mayor", "nowhere", prefs, 2, 0, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_local_second_count(c_, &second, "exampleshire-mayor", "northtown", NULL, 2, 0, &o_));
  const char *bad[2] = {"XS ARORA", NULL};
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_direct_second_count(c_, &direct, "exampleshire-mayor", bad, 2, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT,
          countroom_count_direct_second_count(c_, &direct, "exampleshire-mayor", bad, 1, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT,
          countroom_count_appoint(c_, &lro, "", "P", "king", NULL, 0, NULL, 0, NULL, NULL, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_REJECTED,
          countroom_count_appoint(c_, &(CountroomNote){"nobody", NULL, NULL}, "dro2", "D",
                                  "deputy_returning_officer", NULL, 0, NULL, 0, NULL, NULL, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT,
          countroom_count_appoint_agent(c_, &lro, "a1", "A", "election_agent", NULL, NULL, NULL, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT,
          countroom_count_define_counting_area(c_, &hmarsh, "south town", "S", NULL, NULL, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_define_region(c_, &hmarsh, "R1", NULL, &o_));
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);

  /* A second-count bundle at one count: typed and JSON agree (Exampletown
   * after its first count). */
  CountroomCount *typed = open_prefix(town, town_len, 8, &at);
  CountroomCount *wire = open_prefix(town, town_len, 8, &at);
  const char *entry = "{\"by\":\"pnair\",\"event\":{\"second_preferences_counted\":{\"contest\":\"exampletown-mayor\","
                      "\"run\":1,\"bundle\":\"S1\",\"table\":\"T1\",\"votes\":[{\"candidate\":\"EX-CHAN\",\"votes\":1}],"
                      "\"unmarked\":2,\"for_eliminated\":0,\"void\":1}}}";
  CountroomBuffer a = EMPTY, b = EMPTY;
  CountroomNote plain = {"pnair", NULL, NULL};
  CountroomVotes chan[1] = {{"EX-CHAN", 1}};
  CountroomStatus sa = countroom_count_append(wire, (const uint8_t *)entry, strlen(entry), &a);
  CountroomStatus sb = countroom_count_second_preferences(typed, &plain, "exampletown-mayor", "S1", chan, 1, 2, 0, 1,
                                                          "T1", &b);
  CHECK(sa == sb);
  CHECK(sa != COUNTROOM_STATUS_OK || (a.len == b.len && memcmp(a.data, b.data, a.len) == 0));
  countroom_buffer_free(&a);
  countroom_buffer_free(&b);
  CHECK(countroom_count_close(typed) == COUNTROOM_STATUS_OK);
  CHECK(countroom_count_close(wire) == COUNTROOM_STATUS_OK);
  free(log);
  free(town);
}

/* The STV ward's 120 preference papers read from stv-ward-papers.csv here
 * (figures, a figure outside the box, a cross, another mark, no official
 * mark, an identifying mark) and adjudicated by the library under SLGEO
 * 2011 Sch 1 r.45: the batch in stv-ward.jsonl, byte for byte; then a
 * doubtful paper decided, and a mark that does not read. */
static void test_typed_marked_papers(const char *data) {
  size_t len, csv_len;
  unsigned char *log = slurp(data, "stv-ward.jsonl", &len);
  unsigned char *csv = slurp(data, "stv-ward-papers.csv", &csv_len);
  CHECK(log != NULL && csv != NULL);
  if (!log || !csv) return;
  /* Split the CSV in place: no field is quoted. */
  char *text_ = malloc(csv_len + 1);
  memcpy(text_, csv, csv_len);
  text_[csv_len] = '\0';
  enum { MAX_PAPERS = 200, CANDIDATES = 6 };
  CountroomMarkedPaper papers[MAX_PAPERS];
  CountroomMark marks[MAX_PAPERS][CANDIDATES];
  size_t n = 0;
  char *next = strchr(text_, '\n'); /* past the header */
  while (next != NULL && next[1] != '\0' && n < MAX_PAPERS) {
    char *line = next + 1;
    next = strchr(line, '\n');
    if (next) *next = '\0';
    char *fields[3 + CANDIDATES] = {0};
    size_t f = 0;
    char *p = line;
    fields[f++] = p;
    for (; *p && f < 3 + CANDIDATES; p++) {
      if (*p == ',') {
        *p = '\0';
        fields[f++] = p + 1;
      }
    }
    size_t m = 0;
    for (size_t c = 0; c < CANDIDATES && 3 + c < f; c++) {
      if (fields[3 + c][0] != '\0') {
        marks[n][m].candidate = (uint32_t)c;
        marks[n][m].mark = fields[3 + c];
        m++;
      }
    }
    papers[n].reference = fields[0];
    papers[n].official_mark = fields[1][0] == 'Y';
    papers[n].identifying_mark = fields[2][0] == 'Y';
    papers[n].marks = marks[n];
    papers[n].len = m;
    n++;
  }
  CHECK(n == 120);
  /* The file's SHA-256 as the log records it (the hash is an input). */
  char sha[65] = {0};
  const char *found = strstr((const char *)log, "\"sha256\":\"");
  CHECK(found != NULL);
  if (found) memcpy(sha, found + 10, 64);
  CountroomNote supervisor = {"Count supervisor (Owen Hart)", NULL, NULL};
  REPRODUCES(log, len, 4, countroom_count_marked_batch(c_, &supervisor, "example-ward", "batch-1", papers, n, 1,
                                                       "stv-ward-papers.csv", sha, &o_));
  CountroomNote ro = {"Returning Officer (Fiona Reid)", "2027-05-07T11:20:00+01:00",
                      "a cross against MACLEOD and no other mark: a clear first preference (SLGEO 2011 Sch 1 "
                      "r.44(2))"};
  const char *macleod[1] = {"MACLEOD"};
  REPRODUCES(log, len, 5, countroom_count_decide_doubtful(c_, &ro, "example-ward", "P110", "valid", macleod, 1, NULL,
                                                          0, &o_));

  size_t at;
  CountroomCount *count = open_prefix(log, len, 4, &at);
  size_t before = at;
  CountroomMark moon[1] = {{0, "X@moon"}};
  CountroomMarkedPaper odd[1] = {{"Q1", 1, 0, moon, 1}};
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT,
          countroom_count_marked_batch(c_, &supervisor, "example-ward", "b2", odd, 1, 1, NULL, NULL, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_marked_batch(c_, &supervisor, "example-ward", "b2", papers, n, 1, "a.csv", NULL, &o_));
  CountroomMarkedPaper null_marks[1] = {{"Q1", 1, 0, NULL, 1}};
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_marked_batch(c_, &supervisor, "example-ward", "b2", null_marks, 1, 1, NULL, NULL, &o_));
  /* From memory, tied to the papers by their content hash. */
  CountroomBuffer out = EMPTY;
  CHECK(countroom_count_marked_batch(count, &supervisor, "example-ward", "batch-1", papers, n, 1, NULL, NULL, &out) ==
        COUNTROOM_STATUS_OK);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"memory:batch-1\"") != NULL);
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
  free(text_);
  free(log);
  free(csv);
}

/* A checkpoint signed through the count with the Returning Officer's
 * demonstration key: the shipped log's line (signed by `countroom sign`'s
 * route); then a key that does not read, another person's key, NULL. */
/* countroom_public_key: RFC 8032's first Ed25519 test vector (audit 13,
 * finding 13); anything but 64 lower-case hex digits refused. */
static void test_public_key(void) {
  CountroomBuffer out = EMPTY;
  CHECK(countroom_public_key("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                             &out) == COUNTROOM_STATUS_OK);
  CHECK(out.len == 64 &&
        memcmp(out.data, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", 64) == 0);
  countroom_buffer_free(&out);
  CHECK(countroom_public_key("not a key", &out) == COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "not_a_key"));
  countroom_buffer_free(&out);
  CHECK(countroom_public_key(NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
}

static void test_sign_checkpoint(const char *data) {
  size_t len, key_len, other_len;
  unsigned char *log = slurp(data, "abbey-ward.jsonl", &len);
  unsigned char *key = slurp(data, "keys/jmarsh.key", &key_len);
  unsigned char *other = slurp(data, "keys/hmarsh.key", &other_len);
  CHECK(log != NULL && key != NULL && other != NULL);
  if (!log || !key || !other) return;
  char secret[128] = {0}, wrong[128] = {0};
  memcpy(secret, key, key_len < 127 ? key_len : 127);
  memcpy(wrong, other, other_len < 127 ? other_len : 127);
  CountroomNote jmarsh = {"jmarsh", "2026-05-07T23:45:00+01:00", NULL};
  size_t at;
  CountroomCount *count = open_prefix(log, len, 70, &at);
  size_t before = at;
  REFUSED(count, log, before, COUNTROOM_STATUS_INPUT, countroom_count_sign_checkpoint(c_, &jmarsh, "not a key", &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_REJECTED, countroom_count_sign_checkpoint(c_, &jmarsh, wrong, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_sign_checkpoint(c_, &jmarsh, NULL, &o_));
  REFUSED(count, log, before, COUNTROOM_STATUS_INVALID_ARGUMENT,
          countroom_count_sign_checkpoint(c_, NULL, secret, &o_));
  CountroomBuffer out = EMPTY;
  CHECK(countroom_count_sign_checkpoint(count, &jmarsh, secret, &out) == COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, log, len, &at));
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
  memset(secret, 0, sizeof secret);
  free(log);
  free(key);
  free(other);
}

/* The typed commands of a list poll: the Senedd example's list contest,
 * Cwm South's count, the lot, the recalculation and the declaration, each
 * the shipped log's own line; a later vacancy; their error paths. */
static void test_typed_list_senedd(const char *data) {
  size_t len, at;
  unsigned char *log = slurp(data, "senedd-cwm-valleys.jsonl", &len);
  CHECK(log != NULL);
  if (!log) return;
  CountroomBuffer out = EMPTY;

  /* Entry 6: the list contest (closed lists, six seats). */
  CountroomCount *count = open_prefix(log, len, 6, &at);
  CountroomListMember lab[8] = {{"Alun Rees", 0, 0},    {"Bethan Lloyd", 0, 0},  {"Carwyn Hughes", 0, 0},
                                {"Delyth Evans", 0, 0}, {"Emyr Owen", 0, 0},     {"Ffion Jenkins", 0, 0},
                                {"Gareth Morgan", 0, 0}, {"Heledd Price", 0, 0}};
  CountroomListMember pc[4] = {{"Iwan Roberts", 0, 0}, {"Jane Williams", 0, 0}, {"Llyr Thomas", 0, 0},
                               {"Mari Griffiths", 0, 0}};
  CountroomListMember ref[3] = {{"Neil Baker", 0, 0}, {"Olwen Harris", 0, 0}, {"Peter Cook", 0, 0}};
  CountroomListMember con[3] = {{"Rhian Edwards", 0, 0}, {"Steffan Jones", 0, 0}, {"Tomos Wyn", 0, 0}};
  CountroomListMember ld[2] = {{"Ursula Lewis", 0, 0}, {"Vaughan Bell", 0, 0}};
  CountroomListMember grn[2] = {{"Wyn Parry", 0, 0}, {"Yvonne Ellis", 0, 0}};
  CountroomListParty parties[6] = {{"LAB", "Welsh Labour", lab, 8},
                                   {"PC", "Plaid Cymru", pc, 4},
                                   {"REF", "Reform UK", ref, 3},
                                   {"CON", "Welsh Conservatives", con, 3},
                                   {"LD", "Welsh Liberal Democrats", ld, 2},
                                   {"GRN", "Wales Green Party", grn, 2}};
  CountroomCandidate individuals[1] = {{"IND-MORGAN", "Rhys Morgan", NULL}};
  const char *areas[2] = {"cwm-north", "cwm-south"};
  CountroomListContest cwm = {"senedd-2026", "cwm-valleys", "Election of Members of the Senedd", "Cwm Valleys",
                              "senedd_member", "wales", 6, "senedd-closed-list-2026", parties, 6,
                              individuals, 1, areas, 2, NULL, 0, NULL, 0};
  CountroomNote ro = {"ro", "2026-05-08T01:00:00+01:00", NULL};
  /* Errors first: NULL, a list office that is not one, a NULL array with
   * a length. */
  CHECK(countroom_count_define_list_contest(count, &ro, NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "null_pointer"));
  countroom_buffer_free(&out);
  CountroomListContest bad = cwm;
  bad.office = "regional_member";
  CHECK(countroom_count_define_list_contest(count, &ro, &bad, &out) == COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "unknown_code"));
  countroom_buffer_free(&out);
  bad = cwm;
  bad.parties = NULL;
  CHECK(countroom_count_define_list_contest(count, &ro, &bad, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  /* Seven seats: not the ruleset's six, refused by the count. */
  bad = cwm;
  bad.seats = 7;
  CHECK(countroom_count_define_list_contest(count, &ro, &bad, &out) == COUNTROOM_STATUS_REJECTED);
  countroom_buffer_free(&out);
  CHECK(countroom_count_define_list_contest(count, &ro, &cwm, &out) == COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, log, len, &at));
  countroom_buffer_free(&out);
  /* A list area's papers held in memory under the Senedd's closed lists,
   * whose heads were not read (WSI 2025/864 Sch 5): refused by name. */
  CountroomMark for_lab[1] = {{0, "X"}};
  CountroomMarkedPaper one[1] = {{NULL, 1, 0, for_lab, 1}};
  CHECK(countroom_count_area_marked_batch(count, &ro, "cwm-valleys", "cwm-south", "M1", one, 1, NULL, NULL, &out) ==
        COUNTROOM_STATUS_REJECTED);
  CHECK(has_code(&out, "list_heads_not_read"));
  CHECK(out.data != NULL && strstr((const char *)out.data, "senedd-closed-list-2026") != NULL);
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);

  /* Entries 9-12: Cwm South's list papers counted at its count. */
  count = open_prefix(log, len, 9, &at);
  CountroomNote dro = {"dro", "2026-05-08T02:30:00+01:00", NULL};
  CountroomVotes t1[2] = {{"LAB", 19400}, {"PC", 12300}};
  /* An area not the contest's: refused, nothing written. */
  CHECK(countroom_count_area_bundle(count, &dro, "cwm-valleys", "cwm-east", "CS-T1", t1, 2, "T1", &out) ==
        COUNTROOM_STATUS_REJECTED);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_bundle(count, &dro, "cwm-valleys", "cwm-south", "CS-T1", t1, 2, "T1", &out) ==
        COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, log, len, &at));
  countroom_buffer_free(&out);
  CountroomVotes t2[5] = {{"REF", 10100}, {"CON", 5800}, {"LD", 1900}, {"GRN", 1500}, {"IND-MORGAN", 6900}};
  dro.at = "2026-05-08T02:40:00+01:00";
  CHECK(countroom_count_area_bundle(count, &dro, "cwm-valleys", "cwm-south", "CS-T2", t2, 5, "T2", &out) ==
        COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, log, len, &at));
  countroom_buffer_free(&out);
  CountroomNote why = {"dro", "2026-05-08T02:50:00+01:00",
                       "the heads of the Senedd's statement of rejected papers are not read in countroom: "
                       "rejected list papers as one figure"};
  CHECK(countroom_count_area_rejected(count, &why, "cwm-valleys", "cwm-south", "no_such_head", 120, &out) ==
        COUNTROOM_STATUS_INPUT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_rejected(count, &why, "cwm-valleys", "cwm-south", "breakdown_not_given", 120, &out) ==
        COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, log, len, &at));
  countroom_buffer_free(&out);
  CountroomNote done = {"dro", "2026-05-08T03:00:00+01:00",
                        "Cwm South's list papers counted at its count: the completed count is its list total"};
  CHECK(countroom_count_complete_area(count, &done, "cwm-valleys", "cwm-south", &out) == COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, log, len, &at));
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);

  /* Entries 15-18: the lot at seat 6, the recalculation, the declaration. */
  count = open_prefix(log, len, 15, &at);
  const char *tied[2] = {"PC", "IND-MORGAN"};
  CountroomNote drew = {"ro", "2026-05-08T05:00:00+01:00",
                        "Plaid Cymru and Rhys Morgan both have 13,200.00 for the sixth seat"};
  /* A seeded rehearsal draw the seed does not make (the seed "Cwm
   * rehearsal 2026" draws PC: docs/count-log.md): refused. */
  CHECK(countroom_count_list_lot(count, &drew, "cwm-valleys", 6, tied, 2, "IND-MORGAN", "Cwm rehearsal 2026", 1,
                                 &out) == COUNTROOM_STATUS_REJECTED);
  countroom_buffer_free(&out);
  CHECK(countroom_count_list_lot(count, &drew, "cwm-valleys", 6, tied, 2, "IND-MORGAN",
                                 "two names in identical sealed envelopes, one drawn by the returning officer", 0,
                                 &out) == COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, log, len, &at));
  countroom_buffer_free(&out);
  CountroomNote agent = {"agent-pc", "2026-05-08T05:00:00+01:00", NULL};
  CHECK(countroom_count_request_recalculation(count, &agent, "cwm-valleys", "PC", &out) == COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, log, len, &at));
  countroom_buffer_free(&out);
  CountroomNote ro5 = {"ro", "2026-05-08T05:00:00+01:00", NULL};
  CHECK(countroom_count_recalculate(count, &ro5, "cwm-valleys", &out) == COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, log, len, &at));
  countroom_buffer_free(&out);
  CountroomNote ro6 = {"ro", "2026-05-08T06:00:00+01:00", NULL};
  CHECK(countroom_count_declare(count, &ro6, "cwm-valleys", &out) == COUNTROOM_STATUS_OK);
  CHECK(is_next_line(&out, log, len, &at));
  countroom_buffer_free(&out);
  /* Entry 19's vacancy: Emyr Owen is the next willing on Welsh Labour's
   * list once Delyth Evans declines, not Carwyn Hughes (already returned). */
  const char *declined[1] = {"Delyth Evans"};
  CountroomNote later = {"ro", NULL, "resignation of a member"};
  CHECK(countroom_count_list_vacancy(count, &later, "cwm-valleys", "Bethan Lloyd", declined, 1, "Carwyn Hughes",
                                     &out) == COUNTROOM_STATUS_REJECTED);
  countroom_buffer_free(&out);
  CHECK(countroom_count_list_vacancy(count, &later, "cwm-valleys", "Bethan Lloyd", declined, 1, "Emyr Owen", &out) ==
        COUNTROOM_STATUS_OK);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"filled_by\":\"Emyr Owen\"") != NULL);
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
  free(log);
}

/* A Scottish region (seven regional members, Scotland Act 1998 Sch 1 para
 * 2(3)) counted entirely through typed commands from C, from a log holding
 * only its election. Hand-worked (as crates/live/src/list_tests.rs):
 * returns A 5, B 2, C 2, D 0; totals A 17,990, B 13,010, C 8,000, D 3,500;
 * s.7 figures: B 13,010/3 = 4,336.67, D 3,500.00, B 13,010/4 = 3,252.50,
 * A 17,990/6 = 2,998.33, C 8,000/3 = 2,666.67, B 13,010/5 = 2,602.00, A
 * 17,990/7 = 2,570.00; next A 17,990/8 = 2,248.75. The documents equal the
 * replay of the log written, byte for byte. */
static void test_typed_list_region(void) {
  const char *start =
      "{\"schema\":\"countroom-count-log\",\"version\":1}\n"
      "{\"seq\":1,\"by\":\"rro\",\"event\":{\"election_defined\":{\"election\":\"e\",\"name\":\"Scottish "
      "Parliament general election\",\"poll_date\":\"2026-05-07\"}}}\n";
  CountroomBuffer out = EMPTY;
  CountroomCount *count = NULL;
  CHECK(countroom_count_open((const uint8_t *)start, strlen(start), &count, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CountroomNote rro = {"rro", NULL, NULL};
  CHECK(countroom_count_define_counting_area(count, &rro, "north", "North count", NULL, NULL, &out) ==
        COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_define_counting_area(count, &rro, "south", "South count", NULL, NULL, &out) ==
        COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  /* A third on A's list, so the next highest figure is A's (a party
   * whose list is exhausted is passed over). */
  CountroomListMember a[3] = {{"A1", 0, 0}, {"A2", 0, 0}, {"A3", 0, 0}};
  CountroomListMember b[3] = {{"B1", 0, 0}, {"B2", 0, 0}, {"B3", 0, 0}};
  CountroomListMember c[1] = {{"C1", 0, 0}};
  CountroomListMember d[1] = {{"D1", 0, 0}};
  CountroomListParty parties[4] = {
      {"A", "Party A", a, 3}, {"B", "Party B", b, 3}, {"C", "Party C", c, 1}, {"D", "Party D", d, 1}};
  const char *areas[2] = {"north", "south"};
  const char *ks[9] = {"S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"};
  const char *won[9] = {"A", "A", "A", "A", "A", "B", "B", "C", "C"};
  CountroomListContest r = {"e", "r", NULL, "Example Region", "scottish_parliament_regional_member", "scotland", 7,
                            "scottish-parliament-regional-2016", parties, 4, NULL, 0, areas, 2, ks, 9, NULL, 0};
  CHECK(countroom_count_define_list_contest(count, &rro, &r, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  for (int i = 0; i < 9; i++) {
    char member[32];
    snprintf(member, sizeof member, "MSP %s", ks[i]);
    CHECK(countroom_count_constituency_return(count, &rro, "r", ks[i], member, won[i], &out) == COUNTROOM_STATUS_OK);
    countroom_buffer_free(&out);
  }
  CountroomNote ro = {"ro-north", NULL, NULL};
  CountroomVotes n1[2] = {{"A", 10000}, {"B", 6000}};
  CountroomVotes n2[2] = {{"C", 5000}, {"D", 2000}};
  CHECK(countroom_count_area_bundle(count, &ro, "r", "north", "N1", n1, 2, NULL, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_bundle(count, &ro, "r", "north", "N2", n2, 2, NULL, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  /* SSI 2015/425 Sch 2 r.58(1)(c): votes for more than one party; 69
   * counted so, and one more set aside and decided so below (70). */
  CHECK(countroom_count_area_rejected(count, &ro, "r", "north", "too_many_votes", 69, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  /* A doubtful paper at the area's count (r.58(1)-(4)): set aside,
   * rejected under (c), its rejection objected to; one of the bundles'
   * valid papers saved (r.58(2)(a)); an objection to papers under (c).
   * No vote changes, so the allocation below is the same. */
  CountroomSetAsidePaper doubtful[1] = {{"N-D1", "two crosses?"}};
  CHECK(countroom_count_area_set_aside(count, &ro, "r", NULL, doubtful, 1, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "null_pointer"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_set_aside(count, &ro, "r", "east", doubtful, 1, &out) == COUNTROOM_STATUS_REJECTED);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_set_aside(count, &ro, "r", "north", doubtful, 1, &out) == COUNTROOM_STATUS_OK);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"run\":1,\"counting_area\":\"north\"") != NULL);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_decide_doubtful(count, &ro, "r", "north", "N-D1", "rejected", NULL, 0, "no_such_head", 0,
                                             &out) == COUNTROOM_STATUS_INPUT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_decide_doubtful(count, &ro, "r", "north", "N-D1", "rejected", NULL, 0, "too_many_votes", 0,
                                             &out) == COUNTROOM_STATUS_OK);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"counting_area\":\"north\",\"paper\":\"N-D1\"") != NULL);
  countroom_buffer_free(&out);
  CountroomNote agent = {"agent-d", NULL, NULL};
  CHECK(countroom_count_area_object_to_paper(count, &agent, "r", "north", "N-D1", "D", &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_object_to_head(count, &agent, "r", "north", "too_many_votes", 2, NULL, "C", &out) ==
        COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_saved(count, &ro, "r", "north", "outside_box", 1, &out) == COUNTROOM_STATUS_OK);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"saved_counted\"") != NULL);
  countroom_buffer_free(&out);
  /* North's papers held in memory, adjudicated under r.58(1) (issue 19):
   * one unmarked, (e); crosses for A and B, (c). No vote changes. */
  CountroomMark ab[2] = {{0, "X"}, {1, "X"}};
  CountroomMarkedPaper held[2] = {{"N-M-e", 1, 0, NULL, 0}, {"N-M-c", 1, 0, ab, 2}};
  CHECK(countroom_count_area_marked_batch(count, &ro, "r", NULL, "N-M1", held, 2, NULL, NULL, &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_marked_batch(count, &ro, "r", "east", "N-M1", held, 2, NULL, NULL, &out) ==
        COUNTROOM_STATUS_REJECTED);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_marked_batch(count, &ro, "r", "north", "N-M1", held, 2, NULL, NULL, &out) ==
        COUNTROOM_STATUS_OK);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"run\":1,\"counting_area\":\"north\"") != NULL);
  CHECK(out.data != NULL && strstr((const char *)out.data, "{\"head\":\"too_many_votes\",\"papers\":1}") != NULL);
  CHECK(out.data != NULL && strstr((const char *)out.data, "{\"head\":\"unmarked_or_void\",\"papers\":1}") != NULL);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"memory:N-M1\"") != NULL);
  countroom_buffer_free(&out);
  CHECK(countroom_count_complete_area(count, &ro, "r", "north", &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_explain(count, &ro, "r", "north", NULL, "one bundle recounted at the table", &out) ==
        COUNTROOM_STATUS_OK);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"explanation_recorded\"") != NULL);
  countroom_buffer_free(&out);
  /* South: run 1, a re-count asked for B and granted, run 2. */
  CountroomNote so = {"ro-south", NULL, NULL};
  CountroomVotes s1[4] = {{"A", 8000}, {"B", 7000}, {"C", 3000}, {"D", 1500}};
  CHECK(countroom_count_area_bundle(count, &so, "r", "south", "S-1", s1, 4, NULL, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_complete_area(count, &so, "r", "south", &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_request_area_recount(count, &so, "r", "south", "B", &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_decide_area_recount(count, &so, "r", "south", 1, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CountroomVotes sb[2] = {{"A", 7990}, {"B", 7010}};
  CountroomHeadPapers sr[1] = {{"unmarked_or_void", 30}};
  /* A file's name without its SHA-256: refused before anything is built. */
  CHECK(countroom_count_area_batch(count, &so, "r", "south", "SB-1", 15000, sb, 2, sr, 1, "sb1.csv", NULL, &out) ==
        COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_count_area_batch(count, &so, "r", "south", "SB-1", 15000, sb, 2, sr, 1, NULL, NULL, &out) ==
        COUNTROOM_STATUS_OK);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"run\":2,\"counting_area\":\"south\"") != NULL);
  countroom_buffer_free(&out);
  CountroomVotes s2[2] = {{"C", 3000}, {"D", 1500}};
  CHECK(countroom_count_area_bundle(count, &so, "r", "south", "S-2", s2, 2, NULL, &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_complete_area(count, &so, "r", "south", &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_authorise(count, &rro, "r", "north", &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_authorise(count, &rro, "r", "south", &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);
  CHECK(countroom_count_declare(count, &rro, "r", &out) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&out);

  CountroomBuffer docs = EMPTY, written = EMPTY, replayed = EMPTY;
  CHECK(countroom_count_documents(count, NULL, &docs) == COUNTROOM_STATUS_OK);
  CHECK(countroom_count_log(count, &written) == COUNTROOM_STATUS_OK);
  CHECK(countroom_replay(written.data, written.len, &replayed) == COUNTROOM_STATUS_OK);
  CHECK(same(&docs, replayed.data, replayed.len));
  const char *figures[8] = {"\"4336.67\"", "\"3500.00\"", "\"3252.50\"", "\"2998.33\"",
                            "\"2666.67\"", "\"2602.00\"", "\"2570.00\"", "\"2248.75\""};
  const char *from = (const char *)docs.data;
  for (int i = 0; i < 8 && from != NULL; i++) {
    from = strstr(from, figures[i]); /* in the order of the rounds, then next */
    CHECK(from != NULL);
  }
  CHECK(docs.data != NULL && strstr((const char *)docs.data, "\"status\": \"declared\"") != NULL);
  countroom_buffer_free(&docs);
  countroom_buffer_free(&written);
  countroom_buffer_free(&replayed);

  /* A contest defined after the count has begun: a ward by-election. */
  CountroomSeat seat = {"casual", "2027-05-06"};
  CountroomCandidate cands[2] = {{"T1", "JONES, Ann", "Scottish Labour"}, {"T2", "LEWIS, Bryn", NULL}};
  CountroomContest ward = {"e", "ward-7", NULL, "Ward 7", "principal_councillor", NULL, "scotland", 2400,
                           &seat, 1, cands, 2, NULL, NULL, 0};
  CHECK(countroom_count_define_contest(count, &rro, NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CountroomSeat bad_seat = {"casual", "6/5/2027"};
  CountroomContest bad = ward;
  bad.seats = &bad_seat;
  CHECK(countroom_count_define_contest(count, &rro, &bad, &out) == COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "bad_date"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_define_contest(count, &rro, &ward, &out) == COUNTROOM_STATUS_OK);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"contest_defined\":{\"contest\":\"ward-7\"") != NULL);
  countroom_buffer_free(&out);
  /* The list contest's id: refused (ids are unique among all contests). */
  bad = ward;
  bad.id = "r";
  CHECK(countroom_count_define_contest(count, &rro, &bad, &out) == COUNTROOM_STATUS_REJECTED);
  CHECK(has_code(&out, "duplicate"));
  countroom_buffer_free(&out);
  /* The same contest again: refused by the count. */
  CHECK(countroom_count_define_contest(count, &rro, &ward, &out) == COUNTROOM_STATUS_REJECTED);
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
}

/* A log whose last line a crash cut short (no line feed after it):
 * countroom_count_open refuses it; countroom_count_open_truncating_torn_tail
 * opens the log without it and says where it begins (the length of the
 * shipped log) and how long it is; the count's log is the shipped log, byte
 * for byte. The whole log opens with nothing left out. */
static void test_torn_tail(const char *data) {
  size_t len;
  unsigned char *log = slurp(data, "two-seat-tie.jsonl", &len);
  CHECK(log != NULL);
  if (!log) return;
  const char *torn = "{\"seq\":9,\"prev\":\"0a1b";
  size_t tlen = strlen(torn);
  unsigned char *cut = malloc(len + tlen);
  CHECK(cut != NULL);
  if (!cut) {
    free(log);
    return;
  }
  memcpy(cut, log, len);
  memcpy(cut + len, torn, tlen);
  CountroomBuffer out = EMPTY;
  CountroomCount *count = NULL;
  CHECK(countroom_count_open(cut, len + tlen, &count, &out) == COUNTROOM_STATUS_INPUT);
  CHECK(count == NULL);
  countroom_buffer_free(&out);
  CHECK(countroom_count_open_truncating_torn_tail(cut, len + tlen, NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "null_pointer"));
  countroom_buffer_free(&out);
  CHECK(countroom_count_open_truncating_torn_tail(cut, len + tlen, &count, &out) == COUNTROOM_STATUS_OK);
  CHECK(count != NULL);
  char offset[64], length[64];
  snprintf(offset, sizeof offset, "\"offset\": %lu", (unsigned long)len);
  snprintf(length, sizeof length, "\"len\": %lu", (unsigned long)tlen);
  CHECK(out.data != NULL && strstr((const char *)out.data, offset) != NULL);
  CHECK(out.data != NULL && strstr((const char *)out.data, length) != NULL);
  countroom_buffer_free(&out);
  CountroomBuffer written = EMPTY;
  CHECK(countroom_count_log(count, &written) == COUNTROOM_STATUS_OK);
  CHECK(same(&written, log, len));
  countroom_buffer_free(&written);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
  count = NULL;
  CHECK(countroom_count_open_truncating_torn_tail(log, len, &count, &out) == COUNTROOM_STATUS_OK);
  CHECK(out.data != NULL && strstr((const char *)out.data, "\"torn_tail\": null") != NULL);
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
  free(cut);
  free(log);
}

/* countroom_new_log: a count begun from nothing (audit 13, findings 6 and
 * 10). Its header and election_defined entry are the shipped Westbury
 * log's first two lines byte for byte (made by examples/sign_logs.rs
 * through the Rust library); opened, the count takes the log's next entry
 * as the shipped log has it. Bad values: every problem; NULLs refused. */
static void test_new_log(const char *data) {
  size_t len = 0;
  unsigned char *westbury = slurp(data, "westbury.jsonl", &len);
  CHECK(westbury != NULL);
  if (!westbury) return;
  /* The end of the second line. */
  size_t two = 0;
  for (int lines = 0; two < len && lines < 2; two++) {
    if (westbury[two] == '\n') lines++;
  }
  CountroomNote note = {"Acting Returning Officer (Sam Okafor)", NULL, NULL};
  CountroomBuffer out = EMPTY;
  CHECK(countroom_new_log(&note, "ge-2029", "UK Parliamentary general election", "2029-05-03",
                          &out) == COUNTROOM_STATUS_OK);
  CHECK(out.len == two && memcmp(out.data, westbury, two) == 0);
  CountroomCount *count = NULL;
  CountroomBuffer opened = EMPTY;
  CHECK(countroom_count_open(out.data, out.len, &count, &opened) == COUNTROOM_STATUS_OK);
  countroom_buffer_free(&opened);
  countroom_buffer_free(&out);
  CHECK(countroom_count_close(count) == COUNTROOM_STATUS_OK);
  /* Bad values: each named. */
  CHECK(countroom_new_log(&note, "has space", " ", "3 May 2029", &out) == COUNTROOM_STATUS_INPUT);
  CHECK(has_code(&out, "bad_id") && has_code(&out, "bad_date") && has_code(&out, "empty"));
  countroom_buffer_free(&out);
  CHECK(countroom_new_log(NULL, "e", "E", "2029-05-03", &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  CHECK(has_code(&out, "null_pointer"));
  countroom_buffer_free(&out);
  CHECK(countroom_new_log(&note, "e", "E", NULL, &out) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  countroom_buffer_free(&out);
  CHECK(countroom_new_log(&note, "e", "E", "2029-05-03", NULL) == COUNTROOM_STATUS_INVALID_ARGUMENT);
  free(westbury);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s REPO_DIR EXPECTED_DIR\n", argv[0]);
    return 2;
  }
  char data[4096];
  snprintf(data, sizeof data, "%s/examples/data", argv[1]);
  test_version_and_names();
  test_replay(data, argv[2]);
  test_count(data, argv[2]);
  test_new_log(data);
  test_torn_tail(data);
  test_typed(data);
  test_typed_more(data);
  test_typed_verification(data);
  test_typed_second_count(data);
  test_typed_marked_papers(data);
  test_sign_checkpoint(data);
  test_public_key();
  test_typed_list_senedd(data);
  test_typed_list_region();
  test_stv(data, argv[2]);
  test_results(argv[1], argv[2]);
  test_buffers();
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
