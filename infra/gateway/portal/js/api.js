// Calls to the CertTrack API of this origin, and the words a person reads when one fails.

export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds) {
    super((problem && (problem.detail || problem.title)) || `Request failed (${status})`);
    this.status = status;
    this.problem = problem || {};
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Field errors of a 400 answer: [{field, message}]. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch (ignored) {
      return null;
    }
  }
  return null;
}

function retryAfter(response) {
  const value = response.headers.get('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

async function send(url, options) {
  let response;
  try {
    response = await fetch(url, { credentials: 'omit', cache: 'no-store', ...options });
  } catch (network) {
    throw new ApiError(0, { title: 'Not reachable', detail: 'CertTrack cannot be reached right now. Check your connection and try again.' });
  }
  if (!response.ok) {
    const error = new ApiError(response.status, await problemOf(response), retryAfter(response));
    // A page opened from an e-mail link may only look: the page asks for the CA Reference (see track.js).
    if (error.status === 403 && String(error.problem.type || '').endsWith('reference-required')) {
      window.dispatchEvent(new CustomEvent('certtrack:reference-required'));
    }
    throw error;
  }
  return response;
}

export async function postJson(url, body, token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await send(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return response.status === 204 ? null : response.json();
}

/** GET with the access token when one is given (never in the URL: always the Authorization header). */
export async function getJson(url, token) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await send(url, { headers });
  return response.json();
}

export async function putJson(url, body, token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await send(url, { method: 'PUT', headers, body: JSON.stringify(body) });
  return response.status === 204 ? null : response.json();
}

export async function deleteResource(url, token) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  await send(url, { method: 'DELETE', headers });
}

/** A download that needs the access token: fetched, then handed to the browser as a file. */
export async function download(url, token, fallbackName) {
  const response = await send(url, { headers: { Authorization: `Bearer ${token}` } });
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/i.exec(disposition);
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = match ? match[1] : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  return link.download;
}

export function waitText(seconds) {
  if (seconds >= 90) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** One sentence (or a few) for a person, from any failure. */
export function describe(error) {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.status === 429) {
    const wait = error.retryAfterSeconds ? waitText(error.retryAfterSeconds) : 'a few minutes';
    return `Too many attempts from your connection. For your security, please wait ${wait} before trying again.`;
  }
  const fields = error.fieldErrors.map((e) => e.message).filter(Boolean);
  if (error.status === 400 && fields.length) return fields.join(' ');
  if (error.status >= 500 && error.status !== 503) {
    return 'CertTrack could not complete this request. Please try again in a moment.';
  }
  return error.message;
}

/**
 * Shows a failed call next to its control: the problem's detail, then each field error of a 400 answer, so a
 * person sees exactly what to change. An expired access token gets the way back instead of a code.
 */
export function showProblem(element, error) {
  element.replaceChildren();
  if (error instanceof ApiError && error.status === 401) {
    element.textContent = 'Your access to this certificate has timed out. Use "Check again" above, then try again.';
  } else if (error instanceof ApiError && error.status === 400 && error.fieldErrors.length) {
    const detail = error.problem.detail || error.problem.title;
    if (detail) element.append(detail);
    const list = document.createElement('ul');
    for (const field of error.fieldErrors) {
      const item = document.createElement('li');
      item.textContent = field.field ? `${field.field}: ${field.message}` : field.message;
      list.append(item);
    }
    element.append(list);
  } else {
    element.textContent = describe(error);
  }
  element.hidden = false;
}

/** Shows a message in an element (role=alert/status), or hides it for an empty text. */
export function show(element, text) {
  element.textContent = text || '';
  element.hidden = !text;
}

/** Disables a button while a wait lasts, counting down on it. */
export function holdButton(button, seconds) {
  const label = button.dataset.label || button.textContent;
  button.dataset.label = label;
  button.disabled = true;
  let left = seconds;
  const tick = () => {
    if (left <= 0) {
      button.disabled = false;
      button.textContent = label;
      return;
    }
    button.textContent = `${label} (wait ${waitText(left)})`;
    left -= 1;
    setTimeout(tick, 1000);
  };
  tick();
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateFormat.format(date);
}

export function productName(product) {
  const names = {
    DV_SINGLE: 'DV certificate (single domain)', DV_WILDCARD: 'DV wildcard certificate',
    DV_MULTI: 'DV multi-domain certificate', OV_SINGLE: 'OV certificate (single domain)',
    OV_WILDCARD: 'OV wildcard certificate', OV_MULTI: 'OV multi-domain certificate',
    EV_SINGLE: 'EV certificate (single domain)', EV_MULTI: 'EV multi-domain certificate',
    CAAS: 'Certificate as a Service (ACME)',
  };
  return names[product] || product || 'Certificate';
}
