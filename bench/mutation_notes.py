"""What docs/mutation.md says about surviving mutants (bench/mutation_report.py).

NOTES: a mutant's name → why it survives: an equivalent mutant (no input the product can meet tells
it from the original) or a known gap. Names are mutmut's and change when the function changes.
KILLED_BY: a function (mutmut's name without the number) → the tests added for its survivors; the
report lists under it every mutant that survived the first measurement and is killed now.
"""

NOTES: dict[str, str] = {
    "desktop.rules.checks.common.x_compare__mutmut_74":
        "Equivalent: no caller passes `severity`, so it is always None already.",
    "desktop.rules.checks.common.x_compare__mutmut_33":
        "Equivalent: the only `>=` comparison (X-09) has tolerance 0, and −0 = +0.",
    "desktop.rules.checks.narrative.x_purchased_services_listed__mutmut_36":
        "Equivalent: with nothing unlisted the share is 0, which is never above the limit.",
    "desktop.scoring.management.x_execution_total__mutmut_13":
        "Equivalent: 资金总体 is a computed total (sections.json), so the grid's value already sums 基本 + 项目 + "
        "其他 and is None only when they all are; the fallback gives the same.",
    "desktop.scoring.result.x_num__mutmut_7":
        "Equivalent: `F` and `f` format finite Decimals alike.",
    "desktop.scoring.indicators.x_score_indicator__mutmut_140":
        "Not killed: the unit placeholder is only compared with the completion value's unit by same_unit(), "
        "where a unit “XXXX” and no unit never meet in a real row; a test would have to write that unit.",
    "desktop.scoring.indicators.x__nature__mutmut_18":
        "Equivalent: the remark is only prefixed to a quantitative explanation; a 定性 indicator never shows it.",
    "desktop.scoring.indicators.x__qualitative__mutmut_53":
        "Equivalent: default_qualitative() of no word is None, as the guard's None is.",
    "desktop.scoring.indicators.x__basis__mutmut_14":
        "Equivalent: a scored quantitative row has both texts filled (blank ones cannot be scored), so the "
        "`text.strip()` half never decides.",
    "desktop.rules.checks.performance.x__score_cell__mutmut_20":
        "Equivalent: every key the department score produces is budget_execution, output, effect, management, "
        "indicator:… or management:…; the default cell is never used.",
    "desktop.rules.checks.performance.x__score_cell__mutmut_23":
        "Equivalent: the default cell is never used (see mutant 20).",
    "desktop.rules.findings.x_rule_order__mutmut_10":
        "Equivalent: every rule id has digits after its dash, so `digits` is never empty.",
    "desktop.rules.findings.x_rule_order__mutmut_12":
        "Equivalent: every rule id has digits after its dash, so the fallback 0 is never used.",
    "desktop.rules.checks.review.x_sangong_growth__mutmut_47":
        "Gap left on purpose: W-01 (which cell a 三公 increase over the budget marks) is being reworked on "
        "another branch; its test belongs there.",
    "desktop.rules.checks.performance.x_execution_budget_adjustment__mutmut_34":
        "Equivalent: without part_labels the parts are named by their column labels, which are exactly "
        "“年初预算数” and “预算调整数”.",
    "desktop.rules.checks.performance.x__project_name__mutmut_4":
        "Equivalent: projects have no code column, so the row name of a project with a name is its name.",
    "desktop.rules.context.xǁRuleContextǁ__init____mutmut_11":
        "Equivalent: the engine sets the rule's severity before every check; the initial value is never read.",
    "desktop.rules.checks.performance.x__initial_budget__mutmut_1":
        "Gap left on purpose: U-01 is being reworked on another branch; its tests belong there.",
    "desktop.rules.checks.performance.x__initial_budget__mutmut_7":
        "Gap left on purpose: U-01 is being reworked on another branch.",
    "desktop.rules.checks.performance.x__initial_budget__mutmut_25":
        "Gap left on purpose: U-01 is being reworked on another branch.",
    "desktop.rules.checks.performance.x__initial_budget__mutmut_28":
        "Gap left on purpose: U-01 is being reworked on another branch.",
    "desktop.rules.checks.performance.x_unit_slips__mutmut_73":
        "Gap left on purpose: U-01 is being reworked on another branch.",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_65":
        "Equivalent for every bundled profile: 表4 and the fund tables show amounts in the profile's decision "
        "unit, which is what an amount without a section is shown in.",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_77":
        "Equivalent for every bundled profile: 表4 and the fund tables show amounts in the profile's decision "
        "unit, which is what an amount without a section is shown in.",
    "desktop.scoring.project.x__budget_item__mutmut_3":
        "Gap left on purpose: the project's 预算执行 block is being reworked on another branch; its tests belong there.",
    "desktop.scoring.project.x__budget_item__mutmut_49":
        "Gap left on purpose: the project's 预算执行 block is being reworked on another branch; its tests belong there.",
    "desktop.scoring.project.x__budget_item__mutmut_50":
        "Gap left on purpose: the project's 预算执行 block is being reworked on another branch; its tests belong there.",
    "desktop.scoring.project.x__budget_item__mutmut_53":
        "Gap left on purpose: the project's 预算执行 block is being reworked on another branch; its tests belong there.",
    "desktop.scoring.project.x__budget_item__mutmut_54":
        "Gap left on purpose: the project's 预算执行 block is being reworked on another branch; its tests belong there.",
    "desktop.scoring.project.x__budget_item__mutmut_56":
        "Gap left on purpose: the project's 预算执行 block is being reworked on another branch; its tests belong there.",
    "desktop.rules.checks.performance.x_indicator_reported_score__mutmut_7":
        "Equivalent: a project's one item that is not an indicator (预算执行率) never has a reported score, and a "
        "不适用 indicator's score is None, so either is skipped by `reported is None or score is None` anyway.",
    "desktop.scoring.indicators.x__bounded__mutmut_20":
        "Equivalent: _bounded is only reached when the 完成值 parsed to a number, so row.actual is a non-empty text "
        "and the `or` fallback is never used.",
    "desktop.scoring.indicators.x__bounded__mutmut_24":
        "Equivalent: _bounded is only reached when the 指标值 parsed to a number, so row.target is a non-empty text "
        "and the `or` fallback is never used.",
    "desktop.scoring.management.x__slip_text__mutmut_4":
        "Equivalent: format_number's `decimals` defaults to 2, the argument the mutant drops.",
    "desktop.scoring.management.x__variance__mutmut_95":
        "Equivalent: the basis is only shown when there is a score (_concluded), and every branch that sets a score "
        "also assigns the basis, so its initial value is never read.",
    "desktop.scoring.project.x_combine__mutmut_25":
        "Equivalent: a sum of Decimals from 0 or from Decimal(0) is the same Decimal (an empty sum is 0 either way "
        "and is only compared with 100 or used as a divisor guard).",
    "desktop.scoring.project.x_combine__mutmut_33":
        "Equivalent: as mutant 25, for the points.",
    "desktop.rules.checks.sangong.x_vehicles_by_type__mutmut_124":
        "Equivalent: 三公经费明细 is a form; a form's label ignores the row.",
    "desktop.rules.checks.sangong.x_vehicles_by_type__mutmut_145":
        "Equivalent: 三公经费明细 is a form; a form's label ignores the row.",
    "desktop.scoring.department.x__management__mutmut_65":
        "Equivalent: the reported management scores are Decimals; sum() from 0 or from Decimal(0) gives the "
        "same Decimal (the list is never empty: the profile always has management items).",
    "desktop.scoring.department.x_share_points__mutmut_9":
        "Equivalent: Decimal − 0 and Decimal − Decimal(0) are the same Decimal.",
    "desktop.scoring.formulas.x__equal__mutmut_10":
        "Equivalent: `penalise=None` is as false as `penalise=False`.",
    "desktop.scoring.management.x__carryover__mutmut_70":
        "Equivalent: every branch below assigns the text, so its initial value is never read.",
    "desktop.scoring.management.x__excepted__mutmut_18":
        "Equivalent for real input: it also strips a trailing “X” from the clerk's reason, which Chinese "
        "reasons do not end with.",
    "desktop.scoring.values.xǁIndicatorValueǁto_text__mutmut_24":
        "Equivalent: `F` and `f` format finite Decimals alike (they differ only for NaN and infinity, which "
        "the parser never produces).",
}

KILLED_BY: dict[str, str] = {
    "desktop.rules.checks.common.x_compare":
        "tests/rules/test_rule_cells_and_figures.py::test_a_comparison_within_the_rounding_of_wan_is_info_naming_the_difference",
    "desktop.rules.checks.narrative.x_cost_per_vehicle":
        "tests/rules/test_rule_cells_and_figures.py::test_n08_a_cost_per_vehicle_without_vehicles",
    "desktop.rules.checks.performance.x_balance_prior_year":
        "tests/rules/test_rule_cells_and_figures.py::test_p04b_a_zero_prior_budget",
    "desktop.rules.checks.sangong.x_counts_without_amounts":
        "tests/rules/test_rule_cells_and_figures.py::test_n08d_counts_of_spending_that_is_zero",
    "desktop.rules.checks.sangong.x_vehicles_by_type":
        "tests/rules/test_rule_cells_and_figures.py::test_t7_05_a_row_without_a_type_and_a_type_listed_twice",
    "desktop.rules.checks.narrative.x_staff_sums":
        "tests/rules/test_rule_cells_and_figures.py::test_n14_other_staff_total_is_the_sum_of_its_categories",
    "desktop.rules.checks.narrative.x_unit_counts":
        "tests/rules/test_rule_cells_and_figures.py::test_n15_*",
    "desktop.rules.checks.narrative.x_reasons_present":
        "tests/rules/test_rule_cells_and_figures.py::test_n06_reads_the_year_it_validates",
    "desktop.rules.checks.narrative.x_vehicles_consistent":
        "tests/rules/test_rule_cells_and_figures.py::test_n12_*",
    "desktop.rules.checks.tables.x_sangong_vehicle":
        "tests/rules/test_rule_cells_and_figures.py::test_t7_02_checks_a_typed_prior_year_vehicle_total",
    "desktop.rules.checks.performance.x_project_counts_agree":
        "tests/rules/test_rule_cells_and_figures.py::test_p05_self_evaluated_amount_against_the_evaluation_summary",
    "desktop.rules.checks.performance.x_project_table":
        "tests/rules/test_rule_cells_and_figures.py::test_p07_*",
    "desktop.rules.checks.performance.x_project_indicator_values":
        "tests/rules/test_rule_cells_and_figures.py::test_p09_a_score_below_its_points_needs_a_reason",
    "desktop.rules.checks.performance.x_dept_indicator_values":
        "tests/rules/test_rule_cells_and_figures.py::test_p09b_*",
    "desktop.rules.checks.tables.x_fiscal_totals":
        "tests/rules/test_rule_cells_and_figures.py::test_t4_01_checks_a_typed_opening_total",
    "desktop.rules.checks.performance.x_department_score":
        "tests/rules/test_rule_case_messages.py::test_sample_findings_are_the_golden_ones (seed 2's 94.94), "
        "tests/rules/test_rule_cells_and_figures.py::test_d01_an_exception_ticked_without_its_reason",
    "desktop.rules.engine.xǁEngineǁ_run":
        "tests/rules/test_engine.py::test_a_broken_rule_becomes_an_error_finding_not_a_crash",
    "desktop.rules.checks.sangong.x_amounts_without_counts":
        "tests/rules/test_rule_cells_and_figures.py::test_n08c_a_vehicle_purchase_without_the_number_bought",
    "desktop.scoring.project.x_combine":
        "tests/scoring/test_mutants_scoring.py::test_not_applicable_items_are_named_and_the_rest_scaled_to_a_hundred",
    "desktop.scoring.project.x__indicator_rows":
        "tests/scoring/test_mutants_scoring.py::test_an_indicator_without_a_level3_name_is_named_by_its_level2",
    "desktop.scoring.project.x_score_project":
        "tests/scoring/test_mutants_scoring.py::test_a_reported_grade_is_compared_with_the_computed_one",
    "desktop.scoring.indicators.x__qualitative":
        "tests/scoring/test_mutants_scoring.py::test_a_grade_word_is_read_on_the_targets_scale, "
        "::test_a_judged_score_outside_the_points_and_unjudged_texts",
    "desktop.scoring.indicators.x__basis":
        "tests/scoring/test_mutants_scoring.py::test_a_judged_score_outside_the_points_and_unjudged_texts",
    "desktop.scoring.formulas.x_quantitative_formula":
        "tests/scoring/test_mutants_scoring.py::test_formula_texts, "
        "tests/scoring/test_mutants_texts.py::test_the_completion_basis_formula_text",
    "desktop.scoring.formulas.x__positive":
        "tests/scoring/test_mutants_scoring.py::test_penalty_and_reverse_explanations",
    "desktop.scoring.formulas.x__reverse":
        "tests/scoring/test_mutants_scoring.py::test_penalty_and_reverse_explanations",
    "desktop.scoring.indicators.x_score_indicator":
        "tests/scoring/test_mutants_scoring.py::test_indicators_that_cannot_be_scored_say_why, "
        "::test_a_grade_against_a_numeric_target_cannot_be_scored, "
        "tests/scoring/test_mutants_texts.py::test_an_indicator_without_an_actual_keeps_its_formula, "
        "::test_a_negative_target_is_blamed_on_the_target",
    "desktop.scoring.result.x_num":
        "tests/scoring/test_mutants_scoring.py::test_numbers_are_written_without_a_minus_zero",
    "desktop.scoring.indicators.x__nature":
        "tests/scoring/test_mutants_scoring.py::test_a_nature_column_contradicting_the_written_target_is_a_problem, "
        "::test_a_default_nature_needs_a_numeric_target, "
        "tests/scoring/test_mutants_texts.py::test_a_nature_written_in_the_target_adds_no_remark",
    "desktop.rules.catalogue.x_build_catalogue":
        "tests/rules/test_mutants_engine_catalogue.py::test_partitions_and_reads_are_parsed (with the catalogue "
        "cache emptied before every test, tests/conftest.py)",
    "desktop.rules.checks.review.x_catch_all_share":
        "tests/rules/test_rule_cells_and_figures.py::test_w03_*",
    "desktop.rules.checks.review.x_opening_matches_last_closing":
        "tests/rules/test_rule_cells_and_figures.py::test_w06_*",
    "desktop.rules.checks.review.x_salaries_without_social_security":
        "tests/rules/test_rule_cells_and_figures.py::test_w08_needs_salaries_actually_paid",
    "desktop.rules.checks.review.x_salary_per_person":
        "tests/rules/test_rule_cells_and_figures.py::test_w07_counts_institution_staff_and_its_lower_bound_is_inclusive",
    "desktop.rules.context.xǁRuleContextǁdifference":
        "tests/rules/test_rule_cells_and_figures.py::test_a_difference_of_ten_fen_in_a_wan_table_is_shown_in_yuan",
    "desktop.rules.context.xǁRuleContextǁpercent":
        "tests/rules/test_mutants_engine_catalogue.py::test_percentages_follow_the_profile",
    "desktop.rules.context.xǁRuleContextǁrows_by":
        "tests/rules/test_rule_cells_and_figures.py::test_a_project_without_funds_or_indicators_is_reported_not_a_crash",
    "desktop.rules.engine.xǁEngineǁ_partitions_for":
        "tests/rules/test_mutants_engine_updates.py::test_a_removed_indicator_re_runs_its_project",
    "desktop.rules.engine.xǁEngineǁupdate":
        "tests/rules/test_mutants_engine_updates.py (a removed row, with or without dependants)",
    "desktop.rules.engine.xǁEngineǁ_failure":
        "tests/rules/test_mutants_engine_catalogue.py::test_a_failing_rule_reads_several_sections_and_is_reported_at_the_first",
    "desktop.rules.findings.xǁFindingǁto_json":
        "tests/rules/test_mutants_engine_catalogue.py::test_a_finding_as_json_and_counted",
    "desktop.rules.findings.xǁLocationǁfrom_key":
        "tests/rules/test_mutants_engine_catalogue.py::test_location_keys_round_trip",
    "desktop.rules.registry.x_check":
        "tests/rules/test_mutants_engine_catalogue.py::test_a_check_is_registered_once",
    "desktop.scoring.department.x__part":
        "tests/scoring/test_mutants_scoring.py::test_unscorable_indicators_are_listed_by_name",
    "desktop.scoring.department.x__execution":
        "tests/scoring/test_mutants_department.py",
    "desktop.scoring.formulas.x__equal":
        "tests/scoring/test_mutants_scoring.py::test_equal_indicator_scores_and_says_why",
    "desktop.scoring.management.x__carryover":
        "tests/scoring/test_mutants_scoring.py::test_carryover_rate_texts",
    "desktop.scoring.management.x__rate":
        "tests/scoring/test_mutants_scoring.py::test_a_zero_budget_leaves_the_carryover_rate_uncomputed",
    "desktop.scoring.management.x_execution_total":
        "tests/scoring/test_mutants_department.py::test_execution_rate_is_capped_at_one",
    "desktop.scoring.values.xǁIndicatorValueǁto_text":
        "tests/scoring/test_mutants_scoring.py::test_indicator_values_are_written_without_exponents",
    "desktop.scoring.indicators.x__bounded":
        "tests/scoring/test_mutants_texts.py::test_a_bound_short_of_the_target_keeps_its_formula, "
        "::test_an_upper_bound_meeting_a_reverse_target_says_nothing_about_the_over_target_deduction",
    "desktop.scoring.management.x__variance":
        "tests/scoring/test_mutants_texts.py::test_a_variance_at_the_benchmark_is_not_above_it, "
        "::test_a_variance_above_the_benchmark_states_by_how_much",
    "desktop.scoring.project.x__budget_item":
        "tests/scoring/test_mutants_texts.py::test_a_blank_budget_is_named_before_the_other_problems_of_the_block, "
        "::test_a_blank_executed_figure_says_the_rate_cannot_be_computed",
    "desktop.rules.checks.narrative.x_year_tokens":
        "tests/rules/test_rule_fixes.py::test_n13b_lists_every_stray_year_of_a_text",
    "desktop.rules.checks.performance.x__operator_in_actual":
        "tests/rules/test_score_rules.py::test_p09c_a_judged_qualitative_score_is_not_read_from_the_bound_but_an_unjudged_one_cannot_be_scored",
}

ISSUE_MUTANTS: dict[str, str] = {  # the mutants issue 18 names, run on every `make mutate`
    "desktop.rules.checks.common.x_compare__mutmut_25": "X-09 comparison (`>=` holds)",
    "desktop.rules.checks.common.x_compare__mutmut_31": "X-09 comparison (`>=` holds)",
    "desktop.rules.checks.common.x_compare__mutmut_32": "X-09 comparison (`>=` holds)",
    "desktop.rules.checks.common.x_compare__mutmut_33": "X-09 comparison (`>=` holds)",
    "desktop.rules.checks.cross.x_sangong_covers_economic__mutmut_28": "X-09 三公 ≥ 经济分类",
    "desktop.rules.checks.cross.x_sangong_covers_economic__mutmut_29": "X-09 三公 ≥ 经济分类",
    "desktop.rules.checks.cross.x_sangong_covers_economic__mutmut_32": "X-09 三公 ≥ 经济分类",
    "desktop.rules.checks.cross.x_sangong_covers_economic__mutmut_33": "X-09 三公 ≥ 经济分类",
    "desktop.rules.checks.cross.x_sangong_covers_economic__mutmut_34": "X-09 三公 ≥ 经济分类",
    "desktop.rules.checks.cross.x_sangong_covers_economic__mutmut_39": "X-09 三公 ≥ 经济分类",
    "desktop.rules.checks.narrative.x_purchased_services_listed__mutmut_35": "N-11 boundary (10 % unlisted)",
    "desktop.rules.checks.narrative.x_purchased_services_listed__mutmut_36": "N-11 boundary (10 % unlisted)",
    "desktop.rules.checks.narrative.x_purchased_services_listed__mutmut_37": "N-11 boundary (10 % unlisted)",
    "desktop.rules.checks.narrative.x_purchased_services_listed__mutmut_38": "N-11 boundary (10 % unlisted)",
    "desktop.rules.checks.narrative.x_purchased_services_listed__mutmut_39": "N-11 boundary (10 % unlisted)",
    "desktop.rules.checks.narrative.x_purchased_services_listed__mutmut_40": "N-11 boundary (10 % unlisted)",
    "desktop.rules.checks.narrative.x_purchased_services_listed__mutmut_41": "N-11 boundary (10 % unlisted)",
    "desktop.rules.checks.narrative.x_purchased_services_listed__mutmut_42": "N-11 boundary (10 % unlisted)",
    "desktop.rules.checks.performance.x_project_reported_score__mutmut_19": "P-07c tolerance (0.01)",
    "desktop.rules.checks.performance.x_project_reported_score__mutmut_20": "P-07c tolerance (0.01)",
    "desktop.rules.checks.performance.x_project_reported_score__mutmut_21": "P-07c tolerance (0.01)",
    "desktop.rules.checks.performance.x_project_reported_score__mutmut_22": "P-07c tolerance (0.01)",
    "desktop.rules.checks.performance.x_project_reported_score__mutmut_23": "P-07c tolerance (0.01)",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_16": "T4-04 / T8-02 年末 = 年初 + 收入 − 支出",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_17": "T4-04 / T8-02 年末 = 年初 + 收入 − 支出",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_18": "T4-04 / T8-02 年末 = 年初 + 收入 − 支出",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_19": "T4-04 / T8-02 年末 = 年初 + 收入 − 支出",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_20": "T4-04 / T8-02 年末 = 年初 + 收入 − 支出",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_21": "T4-04 / T8-02 年末 = 年初 + 收入 − 支出",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_22": "T4-04 / T8-02 年末 = 年初 + 收入 − 支出",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_23": "T4-04 / T8-02 年末 = 年初 + 收入 − 支出",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_24": "T4-04 / T8-02 年末 = 年初 + 收入 − 支出",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_25": "T4-04 / T8-02 年末 = 年初 + 收入 − 支出",
    "desktop.rules.checks.tables.x__roll_forward__mutmut_26": "T4-04 / T8-02 年末 = 年初 + 收入 − 支出",
    "desktop.scoring.department.x__execution__mutmut_68": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_69": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_70": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_71": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_72": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_73": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_74": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_75": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_76": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_77": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_78": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_79": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_80": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_81": "部门 执行率 cap min(max(rate, 0), 1)",
    "desktop.scoring.department.x__execution__mutmut_82": "部门 执行率 cap min(max(rate, 0), 1)",
}
