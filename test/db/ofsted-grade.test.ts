import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../db/handle';
import { listActiveHomeCapacity, listOpenVacancyFacts } from '../../db/repositories/market';
import { homeGradeDateSql, homeGradeSql } from '../../db/repositories/ofsted-grade';
import { listVacancies } from '../../db/repositories/vacancies';
import { OFSTED_GRADES, type OfstedGrade } from '../../shared/domain/homes';
import { homeOfstedGrade, ofstedGradeLabel } from '../../shared/domain/ofsted';
import { tempStore } from '../helpers/store';

/*
 * One Ofsted grade per home: the rule in shared/domain/ofsted.ts, its SQL, and every read that shows
 * a home's grade (the vacancies board, the market's prices and capacity) agree, on a real store.
 */

describe('the one Ofsted grade of a home', () => {
  let store: ReturnType<typeof tempStore>;
  let db: WritableDB;
  beforeAll(() => {
    store = tempStore({ kind: 'demo' });
    db = store.db;
  });
  afterAll(() => store.remove());

  it('is the SQL of the domain rule, for every pair of home and provider grades, and dates go with their grade', () => {
    const home = db.prepare("SELECT h.id AS homeId, h.provider_id AS providerId FROM homes h WHERE h.kind = 'residential' ORDER BY h.id LIMIT 1").get() as {
      homeId: number;
      providerId: number;
    };
    const read = db.prepare(
      `SELECT ${homeGradeSql('h', 'p')} AS grade, ${homeGradeDateSql('h', 'p')} AS date FROM homes h JOIN providers p ON p.id = h.provider_id WHERE h.id = ?`,
    );
    for (const homeGrade of [null, ...OFSTED_GRADES]) {
      for (const providerGrade of OFSTED_GRADES) {
        db.prepare('UPDATE homes SET ofsted_grade = ?, ofsted_grade_date = ? WHERE id = ?').run(
          homeGrade,
          homeGrade === null ? null : '2026-05-01',
          home.homeId,
        );
        db.prepare("UPDATE providers SET ofsted_grade = ?, ofsted_grade_date = '2024-01-10' WHERE id = ?").run(providerGrade, home.providerId);
        const row = read.get(home.homeId) as { grade: OfstedGrade; date: string };
        expect(row.grade).toBe(homeOfstedGrade<OfstedGrade>(homeGrade, providerGrade));
        expect(row.date).toBe(homeGrade === null ? '2024-01-10' : '2026-05-01');
      }
    }
  });

  it("a children's home graded apart from its provider shows its own grade on the vacancies board and in the market alike", () => {
    const v = db
      .prepare(
        "SELECT v.id, h.id AS homeId, h.provider_id AS providerId FROM vacancies v JOIN homes h ON h.id = v.home_id WHERE v.status = 'open' AND h.kind = 'residential' ORDER BY v.id LIMIT 1",
      )
      .get() as { id: number; homeId: number; providerId: number };
    db.prepare("UPDATE homes SET ofsted_grade = 'outstanding', ofsted_grade_date = '2026-06-01' WHERE id = ?").run(v.homeId);
    db.prepare("UPDATE providers SET ofsted_grade = 'inadequate' WHERE id = ?").run(v.providerId);
    const board = listVacancies(db, { status: 'open', offset: 0, limit: 10_000 }).rows.find((r) => r.id === v.id)!;
    expect(board.ofstedGrade).toBe('outstanding');
    expect(listOpenVacancyFacts(db).find((f) => f.id === v.id)!.grade).toBe('outstanding');
    const capacity = listActiveHomeCapacity(db).find((h) => h.homeId === v.homeId)!;
    expect([capacity.grade, capacity.gradeDate]).toEqual(['outstanding', '2026-06-01']);
  });

  it('is written the same way on every screen', () => {
    expect(OFSTED_GRADES.map(ofstedGradeLabel)).toEqual(['Outstanding', 'Good', 'Requires improvement', 'Inadequate', 'Not yet inspected']);
  });
});
