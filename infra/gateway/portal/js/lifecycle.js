// Managing a tracked certificate line after lookup: cancel, revoke, revocation status, installation check,
// expiry reminders, certificate history, activity and webhooks. Every call carries the access token in the
// Authorization header only; the CA Reference is never sent again, nor put in any URL.
import { getJson, postJson, putJson, show, showProblem } from './api.js';
import { $, confirmStep, el, fillTable, findingsList } from './ui.js';
import { renderRevocation } from './revocation-view.js';
import { history } from './history.js';
import { webhooks } from './webhooks.js';

const BEFORE_ISSUANCE = ['ORDERED', 'SUBMITTED', 'PENDING_VALIDATION'];
const WITH_CERTIFICATE = ['ISSUED', 'REISSUE_PENDING'];
const ENDED = ['CANCELLED', 'REJECTED'];

const REASON_HINT = {
  UNSPECIFIED: 'Use this when none of the other reasons applies.',
  KEY_COMPROMISE: 'Someone else may have the private key (a leaked backup, a stolen or decommissioned server).',
  AFFILIATION_CHANGED: 'The organisation name or the owner of a domain in the certificate changed.',
  SUPERSEDED: 'You replaced this certificate with a new one (for example after a reissue) and no longer use it.',
  CESSATION_OF_OPERATION: 'The site or service is shut down, or you no longer own the domain.',
};

let line;
let lineHistory;
let lineWebhooks;
let shown = { key: null, status: null, serial: null };

async function run(trigger, errorElement, doneElement, work) {
  show(errorElement, '');
  if (doneElement) show(doneElement, '');
  trigger.disabled = true;
  try {
    await work();
  } catch (error) {
    showProblem(errorElement, error);
  } finally {
    trigger.disabled = false;
  }
}

// ---- cancel ---------------------------------------------------------------------------------------------------

function initCancel() {
  const step = confirmStep($('cancel-start'), $('cancel-confirm'), $('cancel-submit'), $('cancel-back'));
  $('cancel-submit').addEventListener('click', () => run($('cancel-submit'), $('cancel-error'), $('cancel-done'), async () => {
    const reason = $('cancel-reason').value.trim();
    await postJson('/api/tracking/cancel', reason ? { reason } : {}, line.token());
    step.close();
    $('cancel-start').hidden = true;
    show($('cancel-done'), 'Cancellation requested. The status above changes to "Cancelled" once the Certificate Authority confirms.');
    lineHistory.loadActivity();
  }));
}

// ---- revoke and revocation status -----------------------------------------------------------------------------

function showReason() {
  const reason = $('revoke-reason').value;
  $('revoke-reason-hint').textContent = REASON_HINT[reason] || '';
  $('revoke-key-warning').hidden = reason !== 'KEY_COMPROMISE';
}

function initRevoke() {
  showReason();
  $('revoke-reason').addEventListener('change', showReason);
  const step = confirmStep($('revoke-start'), $('revoke-confirm'), $('revoke-submit'), $('revoke-back'));
  $('revoke-submit').addEventListener('click', () => run($('revoke-submit'), $('revoke-error'), $('revoke-done'), async () => {
    const answer = await postJson('/api/tracking/revoke', { reason: $('revoke-reason').value }, line.token());
    line.renew(answer);
    step.close();
    const serials = (answer && answer.serialNumbers) || [];
    show($('revoke-done'), `Revocation of ${serials.join(', ') || 'the current certificate'} requested. The status changes to "Revoked" once the Certificate Authority confirms.`);
    lineHistory.loadActivity();
  }));
  $('revocation-check').addEventListener('click', () => run($('revocation-check'), $('revocation-error'), null, async () => {
    const result = await postJson('/api/tracking/checks/revocation', {}, line.token());
    renderRevocation($('revocation-result'), result);
  }));
}

// ---- installation check ---------------------------------------------------------------------------------------

function hostChoice() {
  const selected = $('installation-host-select').value;
  return selected.startsWith('*.') ? $('installation-host').value.trim() : selected;
}

function showHostField() {
  const selected = $('installation-host-select').value;
  const wildcard = selected.startsWith('*.');
  $('installation-host-row').hidden = !wildcard;
  if (wildcard && !$('installation-host').value) $('installation-host').placeholder = selected.replace('*', 'www');
}

function renderHosts(status) {
  const select = $('installation-host-select');
  const names = (status.domains || []).map((d) => d.name);
  if (select.dataset.names === names.join()) return;
  select.dataset.names = names.join();
  select.replaceChildren();
  for (const name of names) {
    const option = el('option', null, name.startsWith('*.') ? `${name} (enter the server name)` : name);
    option.value = name;
    select.append(option);
  }
  showHostField();
}

const PROTOCOLS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

function renderInstallation(result) {
  const box = $('installation-result');
  box.replaceChildren();
  const card = el('div', 'card installation');
  const errors = (result.findings || []).filter((f) => f.severity === 'ERROR').length;
  const verdict = el('p', `verdict ${errors ? 'bad' : 'good'}`, errors
    ? `${errors} problem${errors === 1 ? '' : 's'} found on ${result.host}:${result.port}.`
    : `${result.host}:${result.port} serves this certificate correctly.`);
  verdict.id = 'installation-verdict';
  card.append(verdict);
  if (result.address) card.append(el('p', 'meta', `Connected to ${result.address}.`));
  card.append(el('h3', null, 'Findings'), findingsList(result.findings));

  card.append(el('h3', null, 'Chain served'));
  const chainTable = el('table', 'served-chain');
  const head = el('thead');
  const headRow = el('tr');
  for (const title of ['#', 'Subject', 'Issuer', 'Serial number', 'Valid until']) {
    const th = el('th', null, title);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = el('tbody');
  body.id = 'installation-chain';
  fillTable(body, (result.servedChain || []).map((c, i) => [String(i + 1), el('span', 'mono wrap-anywhere', c.subject),
    el('span', 'mono wrap-anywhere', c.issuer), el('span', 'mono wrap-anywhere', c.serialNumber),
    c.notAfter ? new Date(c.notAfter).toLocaleDateString() : '—']));
  [...body.rows].forEach((row, i) => { row.dataset.serial = result.servedChain[i].serialNumber || ''; });
  chainTable.append(head, body);
  const chainWrap = el('div', 'table-wrap');
  chainWrap.append(chainTable);
  card.append(chainWrap);

  card.append(el('h3', null, 'Protocol versions accepted'));
  const protocols = el('table', 'protocols');
  protocols.id = 'installation-protocols';
  const pBody = el('tbody');
  const offered = result.protocols || {};
  const names = [...new Set([...PROTOCOLS, ...Object.keys(offered)])];
  for (const name of names) {
    const row = el('tr');
    const th = el('th', null, name);
    th.scope = 'row';
    const enabled = offered[name];
    const modern = name === 'TLSv1.2' || name === 'TLSv1.3';
    let text = 'Not tested';
    let tone = 'neutral';
    if (enabled === true) [text, tone] = modern ? ['Accepted', 'success'] : ['Accepted: turn it off', 'error'];
    if (enabled === false) [text, tone] = modern ? ['Not accepted', name === 'TLSv1.2' ? 'warning' : 'neutral'] : ['Off', 'success'];
    const td = el('td');
    td.append(el('span', `badge ${tone}`, text));
    row.dataset.protocol = name;
    row.dataset.enabled = String(enabled);
    row.append(th, td);
    pBody.append(row);
  }
  protocols.append(pBody);
  card.append(protocols);
  box.append(card);
}

function initInstallation() {
  $('installation-host-select').addEventListener('change', showHostField);
  $('installation-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const host = hostChoice();
    const portText = $('installation-port').value.trim() || '443';
    show($('installation-error'), '');
    if (!host) {
      show($('installation-error'), 'Enter the name of the server to check, e.g. www under your wildcard domain.');
      $('installation-host').focus();
      return;
    }
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      show($('installation-error'), 'The port is a number from 1 to 65535 (443 for HTTPS).');
      $('installation-port').setAttribute('aria-invalid', 'true');
      $('installation-port').focus();
      return;
    }
    $('installation-port').removeAttribute('aria-invalid');
    run($('installation-submit'), $('installation-error'), null, async () => {
      $('installation-submit').textContent = 'Checking…';
      try {
        renderInstallation(await postJson('/api/tracking/checks/installation', { host, port }, line.token()));
      } finally {
        $('installation-submit').textContent = 'Check my installation';
      }
    });
  });
}

// ---- reminders ------------------------------------------------------------------------------------------------

const reminderBoxes = () => [...$('reminders-form').querySelectorAll('input[type="checkbox"]')];

async function loadReminders() {
  show($('reminders-error'), '');
  try {
    const settings = await getJson('/api/tracking/reminders', line.token());
    const days = new Set((settings.reminderDays || []).map(Number));
    for (const box of reminderBoxes()) box.checked = days.has(Number(box.value));
  } catch (error) {
    showProblem($('reminders-error'), error);
  }
}

function initReminders() {
  $('reminders-form').addEventListener('submit', (event) => {
    event.preventDefault();
    run($('reminders-save'), $('reminders-error'), $('reminders-done'), async () => {
      const reminderDays = reminderBoxes().filter((b) => b.checked).map((b) => Number(b.value));
      await putJson('/api/tracking/reminders', { reminderDays }, line.token());
      show($('reminders-done'), reminderDays.length
        ? 'Saved. We e-mail you on the days you chose.' : 'Saved. You will not get expiry reminders for this certificate.');
      lineHistory.loadActivity();
    });
  });
}

// ---- the page -------------------------------------------------------------------------------------------------

/** @param access {token(): string, renew(answer)} the tracked line's access (renewed by revocations) */
export function initLifecycle(access) {
  line = access;
  lineHistory = history(line);
  lineWebhooks = webhooks(line, () => lineHistory.loadActivity());
  initCancel();
  initRevoke();
  initInstallation();
  initReminders();
}

function resetForNewLine() {
  for (const id of ['cancel-error', 'cancel-done', 'revoke-error', 'revoke-done', 'revocation-error',
    'installation-error', 'reminders-error', 'reminders-done', 'superseded-error', 'superseded-done',
    'webhook-error', 'webhook-list-error', 'webhook-list-done']) show($(id), '');
  for (const id of ['revocation-result', 'installation-result', 'webhook-secret-value']) $(id).replaceChildren();
  $('webhook-secret-box').hidden = true;
  $('deliveries').hidden = true;
  $('cancel-start').hidden = false;
  $('cancel-confirm').hidden = true;
  $('revoke-start').hidden = false;
  $('revoke-confirm').hidden = true;
}

/** Shows the sections that fit the line's state; loads their data when the line or its state changes. */
export function renderLifecycle(status) {
  const certificateLine = status.product !== 'CAAS';
  const s = status.status;
  const hasCertificate = certificateLine && (WITH_CERTIFICATE.includes(s) || Boolean(status.certificate));
  const issuedOnce = certificateLine && (hasCertificate || Boolean(status.issuedAt) || ['REVOKED', 'EXPIRED'].includes(s));
  $('cancel-section').hidden = !certificateLine || !BEFORE_ISSUANCE.includes(s) || Boolean(status.issuedAt);
  $('revoke-section').hidden = !issuedOnce;
  $('revoke-form').hidden = !WITH_CERTIFICATE.includes(s);
  $('installation-section').hidden = !hasCertificate || !WITH_CERTIFICATE.includes(s);
  $('history-section').hidden = !issuedOnce;
  $('reminders-section').hidden = !certificateLine || ENDED.includes(s);
  $('webhooks-section').hidden = false;
  $('activity-section').hidden = false;
  if (hasCertificate) renderHosts(status);

  const key = status.lineId || `${status.orderNumber}|${status.product}|${(status.domains || []).map((d) => d.name).join()}`;
  const serial = status.certificate && status.certificate.serialNumber;
  const newLine = key !== shown.key;
  const changed = newLine || s !== shown.status || serial !== shown.serial;
  if (newLine) resetForNewLine();
  shown = { key, status: s, serial };
  if (!line.token()) return;
  if (newLine) {
    lineWebhooks.load();
    if (!$('reminders-section').hidden) loadReminders();
  }
  if (changed) {
    if (issuedOnce) lineHistory.loadLineage();
    lineHistory.loadActivity();
  }
}
