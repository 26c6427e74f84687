/** How long a signed-in session may sit idle before the user must sign in again. */
export const IDLE_TIMEOUT_MINUTES = 15;
