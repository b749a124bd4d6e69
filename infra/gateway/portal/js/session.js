// The access token of the tracked line: in memory, and in this tab's sessionStorage so that a reload keeps the
// page. Never the CA Reference, never localStorage.
const KEY = 'certtrack.access';

export function saveAccess(token, expiresAt) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ token, expiresAt }));
  } catch (ignored) {
    // storage disabled: the page keeps working from memory
  }
}

export function loadAccess() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (saved && saved.token && (!saved.expiresAt || Date.parse(saved.expiresAt) > Date.now())) return saved;
  } catch (ignored) {
    // unreadable: start over
  }
  clearAccess();
  return null;
}

export function clearAccess() {
  try {
    sessionStorage.removeItem(KEY);
  } catch (ignored) {
    // nothing kept
  }
}
