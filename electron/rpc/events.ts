import { eventSchemas, type EventName, type EventPayload } from '../../shared/contract/events';

export type EventListener = (event: EventName, payload: unknown, onlyConnectionId: string | null) => void;

/** Fans backend events out to every transport; a transport delivers to its own windows. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** onlyConnectionId limits delivery to one window (e.g. "your session ended"). */
  emit<E extends EventName>(event: E, payload: EventPayload<E>, onlyConnectionId: string | null = null): void {
    // Checked against the contract as a method's answer is: a window must never receive an event
    // its schema does not describe.
    eventSchemas[event].parse(payload);
    for (const listener of this.listeners) listener(event, payload, onlyConnectionId);
  }
}
