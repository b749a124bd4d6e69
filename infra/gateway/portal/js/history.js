// The line's certificate history (lineage, with "revoke all superseded") and its activity (audit trail).
import { formatDate, getJson, postJson, show, showProblem } from './api.js';
import { $, confirmStep, el, fillTable } from './ui.js';
import { reasonText } from './revocation-view.js';

const STATE = {
  CURRENT: ['Current', 'success'], SUPERSEDED: ['Superseded', 'neutral'], REVOKED: ['Revoked', 'error'],
  EXPIRED: ['Expired', 'warning'],
};
const ORIGIN = { ISSUED: 'First issuance', REISSUE: 'Reissue' };

const ACTION = {
  LOOKUP: 'Looked up', DOWNLOAD: 'Downloaded', REISSUE: 'Reissue requested', REVOKE: 'Revocation requested',
  CANCEL: 'Cancellation requested', DCV_CHANGE: 'Validation method changed', DCV_RECHECK: 'Validation check requested',
  DCV_RESEND: 'Approval e-mail resent', REMINDERS_CHANGED: 'Reminders changed', EAB_REVEAL: 'EAB credentials shown',
  WEBHOOK_REGISTERED: 'Webhook registered', WEBHOOK_DELETED: 'Webhook deleted',
  CHECK_DCV: 'Validation setup checked', CHECK_INSTALLATION: 'Installation checked',
  CHECK_REVOCATION: 'Revocation status checked',
};
const OUTCOME = { ACCEPTED: ['Accepted', 'neutral'], DONE: ['Done', 'success'], REJECTED: ['Rejected', 'error'],
  FAILED: ['Failed', 'error'] };

const day = (iso) => (iso ? new Date(iso).toLocaleDateString() : '—');

function badge(map, value) {
  const [label, tone] = map[value] || [value || '—', 'neutral'];
  const node = el('span', `badge ${tone}`, label);
  node.dataset.value = value || '';
  return node;
}

function actionText(action) {
  if (ACTION[action]) return ACTION[action];
  return (action || '').replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
}

export function history(line) {
  let superseded = 0;

  async function loadLineage() {
    show($('lineage-error'), '');
    try {
      const lineage = await getJson('/api/tracking/lineage', line.token());
      const certificates = lineage.certificates || [];
      fillTable($('lineage-body'), certificates.map((c) => {
        const serial = el('span', 'mono wrap-anywhere', c.serialNumber);
        const state = el('span');
        state.append(badge(STATE, c.state));
        if (c.serialNumber === lineage.current || c.state === 'CURRENT') {
          state.append(' ', el('strong', 'current-mark', '(current)'));
        }
        if (c.revokedAt) state.append(el('span', 'meta block', `Revoked ${formatDate(c.revokedAt)}${c.revocationReason ? `: ${reasonText(c.revocationReason)}` : ''}`));
        return [serial, `${day(c.notBefore)} – ${day(c.notAfter)}`, formatDate(c.issuedAt),
          ORIGIN[c.origin] || c.origin, state];
      }));
      [...$('lineage-body').rows].forEach((row, i) => { row.dataset.serial = certificates[i].serialNumber; row.dataset.state = certificates[i].state; });
      const links = $('lineage-links');
      links.replaceChildren();
      if (lineage.renewalOf) links.append(el('span', null, 'This certificate renews order line '), el('span', 'mono', lineage.renewalOf), '. ');
      if (lineage.renewedBy) links.append(el('span', null, 'It is renewed by order line '), el('span', 'mono', lineage.renewedBy), '. ');
      if (!lineage.renewalOf && !lineage.renewedBy) links.textContent = certificates.length ? 'Every certificate issued for this order line, newest first.' : 'No certificate issued yet.';
      superseded = certificates.filter((c) => c.state === 'SUPERSEDED').length;
      $('superseded-box').hidden = superseded === 0;
    } catch (error) {
      showProblem($('lineage-error'), error);
    }
  }

  async function loadActivity() {
    show($('activity-error'), '');
    try {
      const audit = await getJson('/api/tracking/audit', line.token());
      const entries = audit.entries || [];
      fillTable($('activity-body'), entries.map((e) => [formatDate(e.at), actionText(e.action),
        el('span', 'mono', e.clientAddress || '—'), badge(OUTCOME, e.outcome), e.detail]));
      [...$('activity-body').rows].forEach((row, i) => { row.dataset.action = entries[i].action; row.dataset.outcome = entries[i].outcome; });
    } catch (error) {
      showProblem($('activity-error'), error);
    }
  }

  const step = confirmStep($('superseded-start'), $('superseded-confirm'), $('superseded-submit'), $('superseded-back'));
  $('superseded-submit').addEventListener('click', async () => {
    const trigger = $('superseded-submit');
    show($('superseded-error'), '');
    show($('superseded-done'), '');
    trigger.disabled = true;
    try {
      const answer = await postJson('/api/tracking/revoke-superseded', { reason: 'SUPERSEDED' }, line.token());
      line.renew(answer);
      const count = (answer && answer.serialNumbers || []).length;
      step.close();
      show($('superseded-done'), `Revocation of ${count} superseded certificate${count === 1 ? '' : 's'} requested. The history shows them as revoked once the CA confirms ("Refresh history").`);
      loadActivity();
    } catch (error) {
      showProblem($('superseded-error'), error);
    } finally {
      trigger.disabled = false;
    }
  });
  $('activity-refresh').addEventListener('click', loadActivity);
  $('lineage-refresh').addEventListener('click', loadLineage);

  return { loadLineage, loadActivity };
}
