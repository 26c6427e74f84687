import { ReasonSelect } from '../children/ReasonSelect';

/**
 * Why a child already in care leaves their placement (SSDA903 reason for placement change), asked
 * when placing them moves them. A first placement has no such reason, so the field is not shown then.
 */
export function MoveReasonField({ value, onChange, date }: { value: string; onChange: (code: string) => void; date: string }) {
  return (
    <ReasonSelect
      kind="move"
      required
      date={date}
      label="Why the child's current placement ends (reason for placement change)"
      value={value}
      onChange={onChange}
      emptyHelp="Needed: the child moves from a home in care"
    />
  );
}
