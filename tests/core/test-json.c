/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "td-error.h"
#include "td-plan.h"

/* The example of domain/interchange.md. */
static const char *example =
  "{ \"format\": \"thidua-plan\", \"version\": 1,"
  "  \"plan\": { \"title\": \"Tổ chức Hội nghị Điển hình tiên tiến các cấp\", \"number\": \"121/KH-UBND\","
  "    \"superior\": \"\", \"issuer\": \"UBND TỈNH TÂY NINH\", \"place\": \"Tây Ninh\", \"date\": \"2019-07-31\","
  "    \"signer\": { \"authority\": \"TM. ỦY BAN NHÂN DÂN\", \"deputy\": \"KT. CHỦ TỊCH\","
  "                \"title\": \"PHÓ CHỦ TỊCH\", \"name\": \"Nguyễn Thanh Ngọc\" },"
  "    \"parameters\": { \"plenary_staff_threshold\": 200, \"grassroots_delegate_cap\": 150,"
  "      \"upper_delegate_cap\": 300, \"leader_share_max_percent\": 30, \"half_day_minutes\": 270,"
  "      \"windows\": { \"grassroots\": [\"2020-01-01\", \"2020-03-31\"], \"upper\": [\"2020-04-01\", \"2020-06-30\"],"
  "                   \"pilot\": [\"2020-04-01\", \"2020-04-30\"], \"province\": [\"2020-07-01\", \"2020-09-30\"] } } },"
  "  \"units\": ["
  "    { \"id\": \"tn\", \"name\": \"Tỉnh Tây Ninh\", \"level\": \"province\", \"parent\": null },"
  "    { \"id\": \"godau\", \"name\": \"Huyện Gò Dầu\", \"level\": \"upper\", \"parent\": \"tn\", \"staff\": 420, \"pilot_body\": true },"
  "    { \"id\": \"thanh-phuoc\", \"name\": \"UBND xã Thanh Phước\", \"level\": \"grassroots\", \"parent\": \"godau\", \"staff\": 45 } ],"
  "  \"people\": ["
  "    { \"id\": \"p1\", \"family_middle\": \"Nguyễn Thị Ánh\", \"given\": \"Tuyết\", \"gender\": \"female\","
  "      \"birth_year\": 1980, \"ethnicity\": \"Kinh\", \"position\": \"Giáo viên\", \"unit\": \"thanh-phuoc\","
  "      \"leader\": false, \"category\": \"direct_worker\", \"sector\": \"state\", \"note\": \"\" } ],"
  "  \"conferences\": ["
  "    { \"id\": \"c-thanh-phuoc\", \"unit\": \"thanh-phuoc\", \"form\": \"Hội nghị Điển hình tiên tiến\", \"mode\": \"plenary\","
  "      \"date\": \"2020-03-10\", \"start\": \"07:30\", \"venue\": \"Hội trường UBND xã\", \"pilot\": false,"
  "      \"submissions\": { \"plan\": \"2020-02-01\", \"schedule\": null, \"draft_report\": null, \"content\": null },"
  "      \"agenda\": [ { \"start\": \"07:30\", \"minutes\": 15, \"title\": \"Tuyên bố lý do, giới thiệu đại biểu và khai mạc\","
  "                    \"presenter\": \"\", \"kind\": \"item\", \"vetted\": true } ],"
  "      \"quotas\": [], \"delegates\": [ { \"person\": \"p1\", \"role\": \"delegate\", \"approval\": null } ] },"
  "    { \"id\": \"c-godau\", \"unit\": \"godau\", \"form\": \"Hội nghị Tuyên dương điển hình tiên tiến\", \"mode\": \"representative\","
  "      \"date\": \"2020-05-12\", \"start\": \"07:30\", \"venue\": \"Hội trường huyện Gò Dầu\", \"pilot\": true,"
  "      \"submissions\": { \"plan\": \"2020-04-01\", \"schedule\": \"2020-04-01\", \"draft_report\": null, \"content\": null },"
  "      \"agenda\": [], \"quotas\": [ { \"unit\": \"thanh-phuoc\", \"seats\": 5 } ],"
  "      \"delegates\": [ { \"person\": \"p1\", \"role\": \"delegate\","
  "        \"approval\": { \"decision\": \"05/QĐ-HĐTĐKT\", \"date\": \"2020-03-20\", \"council\": \"Hội đồng Thi đua - Khen thưởng xã Thanh Phước\" } } ] } ] }";

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_example_loads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) plan = td_plan_new_from_json_data (example, -1, &error);
  TdConference *c;
  TdDelegate *d;

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpstr (plan->number, ==, "121/KH-UBND");
  g_assert_cmpstr (plan->signer_deputy, ==, "KT. CHỦ TỊCH");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan->units)), ==, 3);
  g_assert_cmpint (td_plan_get_unit (plan, "godau")->staff, ==, 420);
  g_assert_true (td_plan_get_unit (plan, "godau")->pilot_body);
  g_assert_cmpint (td_plan_get_person (plan, "p1")->gender, ==, TD_GENDER_FEMALE);
  c = td_plan_get_conference (plan, "c-godau");
  g_assert_nonnull (c);
  g_assert_cmpint (c->start, ==, 450);
  g_assert_cmpint (td_conference_get_quota (c, "thanh-phuoc"), ==, 5);
  d = &g_array_index (c->delegates, TdDelegate, 0);
  g_assert_nonnull (d->approval);
  g_assert_cmpstr (d->approval->decision, ==, "05/QĐ-HĐTĐKT");
  g_assert_cmpuint (td_plan_get_conference (plan, "c-thanh-phuoc")->submissions[TD_SUBMISSION_PLAN], !=, 0);
  g_assert_cmpuint (td_plan_get_conference (plan, "c-thanh-phuoc")->submissions[TD_SUBMISSION_SCHEDULE], ==, 0);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) plan = td_plan_new_from_json_data (example, -1, &error);
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(TdPlan) again = NULL;
  g_autofree char *data = NULL;

  g_assert_no_error (error);
  first = td_plan_to_json (plan);
  data = td_plan_to_json_data (plan, NULL);
  again = td_plan_new_from_json_data (data, -1, &error);
  g_assert_no_error (error);
  second = td_plan_to_json (again);
  g_assert_true (json_node_equal (first, second));
}

static void
test_nfc_at_the_boundary (void)
{
  /* "Nguyễn" typed decomposed: n g u y e + U+0302 + U+0303 n */
  g_autofree char *doc = g_strdup_printf (
    "{\"format\":\"thidua-plan\",\"version\":1,\"plan\":{},\"units\":[],"
    "\"people\":[{\"id\":\"p\",\"family_middle\":\"%s\",\"given\":\"Ánh\"}],\"conferences\":[]}",
    "Nguye\xcc\x82\xcc\x83n");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) plan = td_plan_new_from_json_data (doc, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (td_plan_get_person (plan, "p")->family_middle, ==, "Nguyễn");
}

typedef struct
{
  const char *edit_from;
  const char *edit_to;
  const char *path;
  int         code;
} BadCase;

static void
test_errors_name_the_path (void)
{
  static const BadCase cases[] = {
    { "\"version\": 1", "\"version\": 2", "version", TD_ERROR_TOO_NEW },
    { "\"format\": \"thidua-plan\"", "\"format\": \"other\"", "format", TD_ERROR_INVALID },
    { "\"person\": \"p1\", \"role\": \"delegate\", \"approval\": null", "\"person\": \"p99\", \"role\": \"delegate\", \"approval\": null",
      "conferences[0].delegates[0].person", TD_ERROR_INVALID },
    { "\"date\": \"2020-05-12\"", "\"date\": \"2020-13-12\"", "conferences[1].date", TD_ERROR_INVALID },
    { "\"staff\": 45", "\"staff\": \"45\"", "units[2].staff", TD_ERROR_INVALID },
    { "\"id\": \"godau\"", "\"id\": \"tn\"", "units[1].id", TD_ERROR_INVALID },
    { "\"parent\": \"godau\", \"staff\": 45", "\"parent\": \"nowhere\", \"staff\": 45", "units[2].parent", TD_ERROR_INVALID },
    { "\"unit\": \"thanh-phuoc\", \"seats\": 5", "\"unit\": \"tn\", \"seats\": 5", "conferences[1].quotas[0].unit", TD_ERROR_INVALID },
    { "\"mode\": \"plenary\"", "\"mode\": \"everyone\"", "conferences[0].mode", TD_ERROR_INVALID },
    { "\"start\": \"07:30\", \"venue\": \"Hội trường huyện", "\"start\": \"7h30\", \"venue\": \"Hội trường huyện", "conferences[1].start", TD_ERROR_INVALID },
    { "\"gender\": \"female\"", "\"gender\": \"Nữ\"", "people[0].gender", TD_ERROR_INVALID },
    { "\"upper_delegate_cap\": 300", "\"upper_delegate_cap\": -3", "plan.parameters.upper_delegate_cap", TD_ERROR_INVALID },
    { "\"tn\", \"name\": \"Tỉnh Tây Ninh\", \"level\": \"province\", \"parent\": null",
      "\"tn\", \"name\": \"Tỉnh Tây Ninh\", \"level\": \"province\", \"parent\": \"thanh-phuoc\"", "units[0].parent", TD_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) doc = g_string_new (example);
      g_autoptr(GError) error = NULL;
      g_autoptr(TdPlan) plan = NULL;
      g_autofree char *prefix = g_strdup_printf ("%s: ", cases[i].path);

      g_assert_cmpuint (g_string_replace (doc, cases[i].edit_from, cases[i].edit_to, 1), ==, 1);
      plan = td_plan_new_from_json_data (doc->str, -1, &error);
      g_assert_null (plan);
      g_assert_error (error, TD_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, prefix);
    }
}

static void
test_not_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPlan) plan = td_plan_new_from_json_data ("{\"format\": ", -1, &error);

  g_assert_null (plan);
  g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
}

static void
test_documents_are_copied (void)
{
  g_autoptr(JsonNode) root = parse (example);
  g_autoptr(GError) error = NULL;
  JsonObject *conf = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "conferences"), 0);
  JsonObject *docs = json_object_new ();
  g_autoptr(TdPlan) plan = NULL;

  json_object_set_string_member (docs, "invitation_number", "12/GM-UBND");
  json_object_set_object_member (conf, "documents", docs);
  plan = td_plan_new_from_json (root, &error);
  g_assert_no_error (error);
  json_object_set_string_member (docs, "invitation_number", "changed");
  g_assert_cmpstr (json_object_get_string_member (td_plan_get_conference (plan, "c-thanh-phuoc")->documents,
                                                  "invitation_number"), ==, "12/GM-UBND");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/example-loads", test_example_loads);
  g_test_add_func ("/json/round-trip", test_round_trip);
  g_test_add_func ("/json/nfc", test_nfc_at_the_boundary);
  g_test_add_func ("/json/errors-name-the-path", test_errors_name_the_path);
  g_test_add_func ("/json/not-json", test_not_json);
  g_test_add_func ("/json/documents-are-copied", test_documents_are_copied);
  return g_test_run ();
}
