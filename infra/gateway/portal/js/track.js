// The tracking page: a CA Reference (or an e-mail link) opens one certificate line, whose status then follows
// live updates. The reference stays in this module's memory only; the access token also in sessionStorage.
import { ApiError, describe, download, formatDate, holdButton, postJson, productName, show } from './api.js';
import { clearAccess, loadAccess, saveAccess } from './session.js';
import { reveal } from './caas-view.js';
import { $, el } from './ui.js';
import { DCV_METHOD, dcvPanel } from './dcv-panel.js';
import { initLifecycle, renderLifecycle } from './lifecycle.js';

const state = {
  reference: null, // typed by the customer, never stored
  linkToken: null, // from an e-mail link, never stored
  access: null, // {token, expiresAt}
  status: null,
  events: null,
};

/** What the management panels get: the line's access token, read when they call (it changes on "Check again"). */
const line = { token: () => (state.access ? state.access.token : null), renew: (answer) => renewAccess(answer) };

const STATUS = {
  ORDERED: ['Ordered', 'neutral', 'Your order is placed. We are sending it to the Certificate Authority.'],
  SUBMITTED: ['Submitted', 'neutral', 'Your order is with the Certificate Authority, which is preparing domain validation.'],
  PENDING_VALIDATION: ['Awaiting validation', 'warning', 'The Certificate Authority is waiting for domain control validation. Follow the instructions for each domain below; this page updates by itself when the CA has checked.'],
  ISSUED: ['Issued', 'success', 'Your certificate is issued. Download it below and install it with the intermediate certificates.'],
  REISSUE_PENDING: ['Reissue in progress', 'warning', 'The Certificate Authority is reissuing your certificate for the new key. The current certificate stays valid meanwhile; this page updates by itself.'],
  PROVISIONED: ['Active', 'success', 'Your Certificate-as-a-Service subscription is active. Configure your ACME clients with the External Account Binding credentials.'],
  REJECTED: ['Rejected', 'error', 'The Certificate Authority rejected this order.'],
  CANCELLED: ['Cancelled', 'error', 'This order was cancelled.'],
  REVOKED: ['Revoked', 'error', 'This certificate was revoked and is no longer trusted. Order a new certificate to replace it.'],
  EXPIRED: ['Expired', 'error', 'This certificate has expired. Order a renewal to keep your site secure.'],
};

const FORMATS = {
  pem: ['Certificate (PEM)', 'The certificate alone, .crt'],
  chain: ['Full chain (PEM)', 'Certificate and intermediates: nginx, Apache 2.4.8+, HAProxy'],
  der: ['Certificate (DER)', 'Binary .cer: Java, Windows'],
  p7b: ['PKCS#7 (.p7b)', 'Certificate and chain: IIS, Windows, Tomcat'],
  bundle: ['Server bundle (.zip)', 'Files for Apache, nginx, IIS and others'],
};

const DCV_STATUS = { PENDING: ['Pending', 'warning'], VALIDATED: ['Validated', 'success'], FAILED: ['Failed', 'error'] };

// ---- views ----------------------------------------------------------------------------------------------------

function showTrackView(message) {
  stopLive();
  $('status-view').hidden = true;
  $('track-view').hidden = false;
  if (location.pathname !== '/') history.pushState({}, '', '/');
  show($('lookup-error'), message || '');
  document.title = 'Track your certificate · CertTrack';
}

function showStatusView() {
  const first = $('status-view').hidden;
  $('track-view').hidden = true;
  $('status-view').hidden = false;
  if (location.pathname !== '/status') history.pushState({ status: true }, '', '/status');
  if (first) $('status-title').focus();
}

function render(status) {
  state.status = status;
  const [label, tone, explanation] = STATUS[status.status] || [status.status || 'Unknown', 'neutral', ''];
  document.title = `${label} · ${productName(status.product)} · CertTrack`;
  $('status-title').textContent = productName(status.product);
  const names = (status.domains || []).map((d) => d.name);
  $('status-subtitle').textContent = [status.orderNumber && `Order ${status.orderNumber}`, names.join(', ')]
    .filter(Boolean).join(' · ');
  const badge = $('status-badge');
  badge.textContent = label;
  badge.className = `badge ${tone}`;
  badge.dataset.status = status.status || '';
  $('status-explanation').textContent = status.reason ? `${explanation} ${status.reason}` : explanation;
  $('ca-queried').textContent = status.caLastQueriedAt ? formatDate(status.caLastQueriedAt) : 'not yet';
  renderTimeline(status);
  renderDomains(status);
  renderCertificate(status);
  renderCsr(status);
  renderReissue(status);
  renderCaas(status);
  renderBanner(status);
  renderLifecycle(status);
}

const COMMAND = {
  CHANGE_METHOD: 'change of the validation method', RECHECK: 'validation check', RESEND_APPROVAL: 'approval e-mail',
  DCV_CHANGE: 'change of the validation method', DCV_RECHECK: 'validation check', DCV_RESEND: 'approval e-mail',
  CANCEL: 'cancellation', REVOKE: 'revocation', REISSUE: 'reissue', REMINDERS_CHANGED: 'reminder settings',
  DcvActionRequested: 'validation request', CancelRequested: 'cancellation', RevokeRequested: 'revocation',
  ReissueRequested: 'reissue',
};

function commandName(value) {
  return COMMAND[value] || (value || 'request').replace(/_/g, ' ').toLowerCase();
}

/** A text from a field that may be a plain string or an object with the usual names. */
function describeCommand(value, fallback) {
  if (!value) return '';
  if (typeof value === 'string') return value;
  const what = commandName(value.action || value.commandType || value.type);
  const method = value.dcvMethod ? ` to ${DCV_METHOD[value.dcvMethod] || value.dcvMethod}` : '';
  const domain = `${method}${value.domain ? ` for ${value.domain}` : ''}`;
  const when = value.requestedAt || value.rejectedAt || value.at || value.occurredAt;
  const reason = value.reason || value.detail || value.message;
  return fallback(what, domain, when ? ` (${formatDate(when)})` : '', reason);
}

// What the CA is still doing for the customer, and the last request it refused (with its reason).
function renderBanner(status) {
  const pending = describeCommand(status.pendingAction, (what, domain, when) =>
    `Your ${what}${domain} was sent to the Certificate Authority${when} and is being processed; this page updates by itself.`);
  show($('pending-action'), pending);
  const rejected = describeCommand(status.lastRejection, (what, domain, when, reason) =>
    `The Certificate Authority refused your ${what}${domain}${when}${reason ? `: ${reason}` : '.'}`);
  show($('last-rejection'), rejected);
}

function renderTimeline(status) {
  const s = status.status;
  const validated = (status.domains || []).length > 0 && status.domains.every((d) => d.dcvStatus === 'VALIDATED');
  const afterSubmission = s && s !== 'ORDERED';
  const issuedOnce = Boolean(status.issuedAt) || ['ISSUED', 'REISSUE_PENDING', 'REVOKED', 'EXPIRED'].includes(s);
  const reissued = s === 'ISSUED' && status.issuedAt && status.reissueRequestedAt
    && Date.parse(status.issuedAt) >= Date.parse(status.reissueRequestedAt);
  const steps = [
    ['Ordered', true, status.orderedAt],
    ['Accepted by the Certificate Authority', afterSubmission, null],
  ];
  if (status.product === 'CAAS') {
    steps.push(['Subscription active', s === 'PROVISIONED', null]);
  } else {
    steps.push(['Domains validated', validated || issuedOnce, null]);
    // issuedAt is the latest issuance: after a reissue it dates the "Reissued" step.
    steps.push(['Certificate issued', issuedOnce, status.reissueRequestedAt ? null : status.issuedAt]);
    if (status.reissueRequestedAt || s === 'REISSUE_PENDING') {
      steps.push(['Reissue requested', true, status.reissueRequestedAt]);
      steps.push(['Reissued', Boolean(reissued), reissued ? status.issuedAt : null]);
    }
  }
  if (['REJECTED', 'CANCELLED', 'REVOKED', 'EXPIRED'].includes(s)) steps.push([STATUS[s][0], true, null]);
  const list = $('timeline');
  list.replaceChildren();
  let currentMarked = false;
  for (const [text, done, at] of steps) {
    const item = el('li', done ? 'done' : 'todo');
    if (!done && !currentMarked) {
      item.className = 'current';
      item.setAttribute('aria-current', 'step');
      currentMarked = true;
    }
    item.append(el('span', 'step', text));
    const note = done ? (at ? formatDate(at) : 'done') : (item.className === 'current' ? 'in progress' : 'to come');
    item.append(el('span', 'when', note));
    list.append(item);
  }
}

// One DCV help panel per pending domain, kept across live updates so that findings and choices stay put.
const dcvPanels = new Map();

function renderDomains(status) {
  const domains = status.domains || [];
  $('domains-section').hidden = status.product === 'CAAS' || domains.length === 0;
  const list = $('domains');
  list.replaceChildren();
  const waiting = ['PENDING_VALIDATION', 'REISSUE_PENDING'].includes(status.status);
  const pendingNames = new Set();
  for (const domain of domains) {
    const item = el('li', 'card domain');
    item.dataset.domain = domain.name;
    const head = el('div', 'domain-head');
    head.append(el('strong', 'mono wrap-anywhere', domain.name));
    const [label, tone] = DCV_STATUS[domain.dcvStatus] || [domain.dcvStatus || 'Unknown', 'neutral'];
    const badge = el('span', `badge ${tone}`, label);
    badge.dataset.dcvStatus = domain.dcvStatus || '';
    head.append(badge);
    item.append(head, el('p', 'meta', `Method: ${DCV_METHOD[domain.dcvMethod] || domain.dcvMethod || '—'}`));
    if (domain.instructions) item.append(el('p', 'instructions', domain.instructions));
    if (waiting && domain.dcvStatus !== 'VALIDATED') {
      pendingNames.add(domain.name);
      if (!dcvPanels.has(domain.name)) dcvPanels.set(domain.name, dcvPanel(line));
      const panel = dcvPanels.get(domain.name);
      panel.update(domain);
      item.append(panel.node);
    }
    list.append(item);
  }
  for (const name of [...dcvPanels.keys()]) if (!pendingNames.has(name)) dcvPanels.delete(name);
}

function renderCertificate(status) {
  const certificate = status.certificate;
  $('certificate-section').hidden = !certificate;
  if (!certificate) return;
  $('cert-serial').textContent = certificate.serialNumber || '—';
  $('cert-fingerprint').textContent = certificate.sha256Fingerprint || '—';
  $('cert-expires').textContent = formatDate(certificate.notAfter || status.expiresAt);
  const box = $('downloads');
  if (box.dataset.formats === (certificate.downloadFormats || []).join()) return;
  box.dataset.formats = (certificate.downloadFormats || []).join();
  box.replaceChildren();
  for (const format of certificate.downloadFormats || []) {
    const [label, use] = FORMATS[format] || [format, ''];
    const button = el('button', 'download');
    button.type = 'button';
    button.dataset.format = format;
    button.append(el('span', 'label', label), el('span', 'use', use));
    button.addEventListener('click', () => downloadFormat(format, button));
    box.append(button);
  }
}

/**
 * A line ordered without a CSR: the form that sends it (not the reissue form, which replaces a key), then what
 * happens next until the certificate is issued.
 */
function renderCsr(status) {
  const step = status.nextStep;
  const awaited = Boolean(step && step.action === 'SUBMIT_CSR');
  const sent = !awaited && Boolean(status.csrSubmittedAt) && ['SUBMITTED', 'PENDING_VALIDATION'].includes(status.status);
  $('csr-section').hidden = !awaited && !sent;
  $('csr-form').hidden = !awaited;
  $('csr-command').hidden = !awaited || !step.command;
  $('csr-instructions').hidden = !awaited;
  $('csr-title').textContent = awaited ? 'Submit your CSR' : 'CSR received';
  if (awaited) {
    $('csr-instructions').textContent = step.instructions || '';
    $('csr-command').textContent = step.command || '';
  } else if (sent) {
    const pending = step && step.action === 'COMPLETE_DCV' ? ' once every domain below is validated' : ' now';
    show($('csr-done'), `Your CSR was received on ${formatDate(status.csrSubmittedAt)}. `
      + `The Certificate Authority issues the certificate${pending}; this page updates by itself.`);
  }
}

function renderReissue(status) {
  $('reissue-section').hidden = status.product === 'CAAS' || !['ISSUED', 'REISSUE_PENDING'].includes(status.status);
  $('reissue-submit').disabled = status.status !== 'ISSUED';
}

function renderCaas(status) {
  const caas = status.caas;
  $('caas-section').hidden = status.product !== 'CAAS';
  if (status.product !== 'CAAS') return;
  const canReveal = caas && caas.revealable;
  $('caas-reveal').hidden = !canReveal || !state.reference; // a link from an e-mail cannot reveal
  if (!caas) {
    $('caas-explanation').textContent = 'Your subscription is being set up; the EAB credentials follow here shortly.';
  } else if (canReveal) {
    $('caas-explanation').textContent = `Your External Account Binding (EAB) credentials can be shown until ${formatDate(caas.revealableUntil)}. Record them immediately: after that they are no longer available and cannot be regenerated.`
      + (state.reference ? '' : ' Enter your CA Reference on the CaaS credentials page to show them.');
  } else {
    $('caas-explanation').textContent = `The EAB credentials (key ID ${caas.eabKeyId}) were shown in the portal until ${formatDate(caas.revealableUntil)}, seven days after the order date. They cannot be shown again or regenerated; clients configured with them keep working.`;
  }
}

// ---- actions --------------------------------------------------------------------------------------------------

function accepted(status) {
  state.access = { token: status.accessToken, expiresAt: status.accessTokenExpiresAt, purpose: status.accessTokenPurpose };
  saveAccess(status.accessToken, status.accessTokenExpiresAt);
  render(status);
  showStatusView();
  renderAccess();
  startLive();
}

/** A link from an e-mail only views: say so, and ask for the CA Reference right away. */
function renderAccess() {
  const viewOnly = Boolean(state.access && state.access.purpose === 'LINK');
  $('link-mode').hidden = !viewOnly;
  $('sign-out').hidden = !state.access || viewOnly;
  if (viewOnly) askForReference('Enter your CA Reference to download, reissue or change this certificate');
  else if (!$('recheck').hidden && state.reference) $('recheck').hidden = true;
}

function askForReference(label) {
  $('recheck-label').textContent = label;
  $('recheck-submit').textContent = 'Continue';
  $('recheck').hidden = false;
}

/** Reissue and revocation withdraw every earlier token of the line; their answer carries this page's new one. */
function renewAccess(answer) {
  if (!answer || !answer.accessToken) return;
  state.access = { token: answer.accessToken, expiresAt: answer.accessTokenExpiresAt, purpose: 'ACCESS' };
  saveAccess(answer.accessToken, answer.accessTokenExpiresAt);
  startLive();
}

async function signOutEverywhere() {
  const button = $('sign-out');
  button.disabled = true;
  try {
    await postJson('/api/tracking/sign-out', {}, state.access.token);
    state.reference = null;
    state.linkToken = null;
    state.access = null;
    clearAccess();
    showTrackView('Signed out everywhere: every e-mail link and access token of that certificate has stopped working. Enter its CA Reference to open it again.');
  } catch (error) {
    show($('status-message'), describe(error));
  } finally {
    button.disabled = false;
  }
}

async function lookup(reference, button, errorElement) {
  show(errorElement, '');
  const trimmed = (reference || '').trim();
  if (!trimmed) {
    show(errorElement, 'Enter your CA Reference. You find it in the shipment notification e-mail of your order.');
    return false;
  }
  button.disabled = true;
  try {
    const status = await postJson('/api/tracking/lookup', { caReference: trimmed });
    state.reference = trimmed;
    state.linkToken = null;
    accepted(status);
    return true;
  } catch (error) {
    let text = describe(error);
    if (error instanceof ApiError && error.status === 404) {
      text = 'We could not find a certificate with this CA Reference. Check every character against your shipment notification e-mail (the CA Reference is not your order number).';
    }
    show(errorElement, text);
    if (error instanceof ApiError && error.status === 429 && error.retryAfterSeconds) {
      holdButton(button, error.retryAfterSeconds);
      return false;
    }
    button.disabled = false;
    return false;
  } finally {
    if (!button.textContent.includes('(wait')) button.disabled = false;
  }
}

async function openLink(token) {
  // The link token leaves the address bar at once (and with no-referrer it never leaves the page).
  history.replaceState({}, '', '/status');
  try {
    const status = await postJson('/api/tracking/link', { token });
    state.linkToken = token;
    accepted(status);
  } catch (error) {
    const text = error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 400)
      ? 'This link has expired or is not valid. Enter the CA Reference from your shipment notification e-mail instead.'
      : describe(error);
    showTrackView(text);
  }
}

async function checkAgain() {
  const button = $('check-again');
  if (state.reference) {
    await lookup(state.reference, button, $('status-message'));
    announce('Queried the Certificate Authority again.');
  } else if (state.linkToken) {
    button.disabled = true;
    try {
      accepted(await postJson('/api/tracking/link', { token: state.linkToken }));
      announce('Queried the Certificate Authority again.');
    } catch (error) {
      state.linkToken = null;
      $('recheck').hidden = false;
      show($('recheck-error'), describe(error));
    } finally {
      button.disabled = false;
    }
  } else {
    // After a reload only the access token is left: the CA Reference is never stored, so ask for it.
    $('recheck').hidden = false;
    $('recheck-reference').focus();
  }
}

function announce(text) {
  const box = $('status-message');
  box.className = 'message info';
  show(box, `${text} Last queried ${formatDate(new Date().toISOString())}.`);
}

async function downloadFormat(format, button) {
  show($('download-error'), '');
  button.disabled = true;
  try {
    await download(`/api/tracking/certificate?format=${encodeURIComponent(format)}`, state.access.token, `certificate-${format}`);
  } catch (error) {
    const text = error instanceof ApiError && error.status === 401
      ? 'Your access to this certificate has timed out. Use "Check again" to continue.'
      : describe(error);
    show($('download-error'), text);
  } finally {
    button.disabled = false;
  }
}

/** The CSR pasted or loaded into a form's text area, or null after saying what is wrong with it. */
function csrFrom(textarea, error) {
  const csr = textarea.value.trim();
  if (!csr) {
    show(error, 'Paste your CSR or choose a CSR file first.');
    textarea.focus();
    return null;
  }
  if (/PRIVATE KEY/.test(csr)) {
    show(error, 'This is a private key, not a CSR. Keep your private key on your server and never share it; paste the CSR (BEGIN CERTIFICATE REQUEST) instead.');
    return null;
  }
  return csr;
}

/** Sends a form's CSR to the endpoint with the access token; says how it went in the form. */
async function sendCsr(endpoint, textarea, error, done, doneText) {
  show(error, '');
  show(done, '');
  const csr = csrFrom(textarea, error);
  if (!csr) return;
  try {
    renewAccess(await postJson(endpoint, { csr }, state.access.token));
    textarea.value = '';
    textarea.removeAttribute('aria-invalid');
    show(done, doneText);
  } catch (failure) {
    const text = failure instanceof ApiError && failure.status === 401
      ? 'Your access to this certificate has timed out. Use "Check again" above, then submit the CSR again.'
      : describe(failure);
    show(error, text);
    textarea.setAttribute('aria-invalid', 'true');
  }
}

async function submitReissue(event) {
  event.preventDefault();
  const button = $('reissue-submit');
  button.disabled = true;
  try {
    await sendCsr('/api/tracking/reissue', $('csr'), $('reissue-error'), $('reissue-done'),
      'Reissue requested. The Certificate Authority is now issuing a certificate for your new key; this page updates by itself.');
  } finally {
    button.disabled = state.status && state.status.status !== 'ISSUED';
  }
}

async function submitFirstCsr(event) {
  event.preventDefault();
  const button = $('csr-submit');
  button.disabled = true;
  try {
    await sendCsr('/api/tracking/csr', $('first-csr'), $('csr-error'), $('csr-done'),
      'CSR received. The Certificate Authority issues your certificate as soon as every domain is validated; this page updates by itself.');
  } finally {
    button.disabled = false;
  }
}

/** Loads a chosen CSR file into the form's text area. */
async function readCsrFile(input, textarea, error) {
  const file = input.files[0];
  if (!file) return;
  if (file.size > 16384) {
    show(error, 'This file is larger than a CSR can be (16 KiB). Choose the .csr file made with your key.');
    return;
  }
  textarea.value = await file.text();
  show(error, '');
}

// ---- live updates ---------------------------------------------------------------------------------------------

function live(text, tone) {
  const node = $('live');
  node.textContent = text;
  node.className = `live ${tone || ''}`;
}

function startLive() {
  stopLive();
  if (!state.access || typeof EventSource === 'undefined') {
    live('Live updates are not available; use Check again.', 'off');
    return;
  }
  const source = new EventSource(`/api/tracking/events?access_token=${encodeURIComponent(state.access.token)}`);
  state.events = source;
  source.addEventListener('open', () => live('Live: this page updates by itself', 'on'));
  source.addEventListener('status', (event) => {
    try {
      render(JSON.parse(event.data));
      live('Live: this page updates by itself', 'on');
    } catch (ignored) {
      // a malformed event changes nothing on the page
    }
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED || expired()) {
      stopLive();
      live('Live updates paused: your access timed out. Use Check again to continue.', 'off');
    } else {
      live('Reconnecting to live updates…', 'off');
    }
  });
}

function expired() {
  return state.access && state.access.expiresAt && Date.parse(state.access.expiresAt) <= Date.now();
}

function stopLive() {
  if (state.events) state.events.close();
  state.events = null;
}

// ---- start ----------------------------------------------------------------------------------------------------

function start() {
  initLifecycle(line);
  $('lookup-form').addEventListener('submit', (event) => {
    event.preventDefault();
    lookup($('reference').value, $('lookup-submit'), $('lookup-error')).then((ok) => {
      if (ok) $('reference').value = '';
    });
  });
  $('check-again').addEventListener('click', checkAgain);
  $('recheck-submit').addEventListener('click', () => {
    lookup($('recheck-reference').value, $('recheck-submit'), $('recheck-error')).then((ok) => {
      if (ok) {
        $('recheck').hidden = true;
        $('recheck-reference').value = '';
      }
    });
  });
  $('reissue-form').addEventListener('submit', submitReissue);
  $('csr-file').addEventListener('change', () => readCsrFile($('csr-file'), $('csr'), $('reissue-error')));
  $('csr').addEventListener('input', () => $('csr').removeAttribute('aria-invalid'));
  $('csr-form').addEventListener('submit', submitFirstCsr);
  $('first-csr-file').addEventListener('change', () => readCsrFile($('first-csr-file'), $('first-csr'), $('csr-error')));
  $('first-csr').addEventListener('input', () => $('first-csr').removeAttribute('aria-invalid'));
  $('sign-out').addEventListener('click', signOutEverywhere);
  window.addEventListener('certtrack:reference-required', () => {
    askForReference('A link from an e-mail shows the status only. Enter your CA Reference to continue');
    $('recheck-reference').focus();
  });
  $('track-another').addEventListener('click', (event) => {
    event.preventDefault();
    state.reference = null;
    state.linkToken = null;
    state.access = null;
    clearAccess();
    showTrackView();
    $('reference').focus();
  });
  $('caas-reveal').addEventListener('click', () => reveal(
    { caReference: state.reference },
    { container: $('caas-credentials'), errorElement: $('caas-error'), button: $('caas-reveal') },
  ));
  window.addEventListener('popstate', () => {
    if (location.pathname === '/status' && state.access) showStatusView();
    else showTrackView();
  });

  const linkToken = new URLSearchParams(location.search).get('t');
  if (location.pathname === '/track' && linkToken) {
    openLink(linkToken);
    return;
  }
  const saved = loadAccess();
  if (location.pathname === '/status' && saved) {
    // A reload: the live stream's first event is the full status.
    state.access = saved;
    showStatusView();
    startLive();
    return;
  }
  showTrackView();
}

start();
