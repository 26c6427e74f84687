/*
 * A home's one Ofsted grade in SQL, as shared/domain/ofsted.ts's homeOfstedGrade defines it: the
 * home's own latest overall effectiveness grade, else its provider's (a foster household is graded
 * through its agency). The grade's date goes with the grade it dates, never with the other one.
 * test/db/ofsted-grade.test.ts holds these equal to the rule for every case.
 */

/** The grade of home `h` of provider `p`. */
export const homeGradeSql = (h: string, p: string) => `COALESCE(${h}.ofsted_grade, ${p}.ofsted_grade)`;

/** The date of the inspection that gave homeGradeSql's grade. */
export const homeGradeDateSql = (h: string, p: string) => `CASE WHEN ${h}.ofsted_grade IS NOT NULL THEN ${h}.ofsted_grade_date ELSE ${p}.ofsted_grade_date END`;
