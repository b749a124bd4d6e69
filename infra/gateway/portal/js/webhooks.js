// Webhooks of the tracked line: register (the signing secret is shown once), list, ping, delete, delivery log.
import { deleteResource, formatDate, getJson, postJson, show, showProblem } from './api.js';
import { $, button, copyable, el, fillTable } from './ui.js';

const DELIVERY = { PENDING: ['Pending', 'neutral'], DELIVERED: ['Delivered', 'success'],
  RETRYING: ['Retrying', 'warning'], FAILED: ['Failed', 'error'] };

function deliveryBadge(status) {
  const [label, tone] = DELIVERY[status] || [status || '—', 'neutral'];
  const node = el('span', `badge ${tone}`, label);
  node.dataset.value = status || '';
  return node;
}

export function webhooks(line, onChanged) {
  let shownDeliveries = null;

  async function load() {
    show($('webhook-list-error'), '');
    try {
      const answer = await getJson('/api/tracking/webhooks', line.token());
      const hooks = answer.webhooks || [];
      fillTable($('webhook-body'), hooks.map((hook) => [endpoint(hook), formatDate(hook.createdAt),
        lastDelivery(hook.lastDelivery), actions(hook)]));
      [...$('webhook-body').rows].forEach((row, i) => { row.dataset.webhookId = hooks[i].id; });
      $('webhook-empty').hidden = hooks.length > 0;
      $('webhook-table').hidden = hooks.length === 0;
      if (shownDeliveries && !hooks.some((h) => h.id === shownDeliveries.id)) {
        shownDeliveries = null;
        $('deliveries').hidden = true;
      }
    } catch (error) {
      showProblem($('webhook-list-error'), error);
    }
  }

  // A receiver that answered 410 Gone (or kept failing) is switched off: say so, and why.
  function endpoint(hook) {
    const cell = el('span');
    cell.append(el('span', 'mono wrap-anywhere', hook.url));
    if (hook.disabledAt) {
      cell.append(el('span', 'badge error block', 'Switched off'),
        el('span', 'meta block', `${formatDate(hook.disabledAt)}${hook.disabledReason ? `: ${hook.disabledReason}` : ''}`));
    }
    return cell;
  }

  function lastDelivery(delivery) {
    if (!delivery) return 'None yet';
    if (typeof delivery === 'string') return formatDate(delivery);
    const cell = el('span');
    cell.append(deliveryBadge(delivery.status), ' ', formatDate(delivery.deliveredAt || delivery.createdAt));
    return cell;
  }

  function actions(hook) {
    const cell = el('span', 'row-actions');
    const ping = button('Ping', 'secondary small webhook-ping', () => run(ping, async () => {
      await postJson(`/api/tracking/webhooks/${encodeURIComponent(hook.id)}/ping`, {}, line.token());
      show($('webhook-list-done'), `A test event is on its way to ${hook.url}. Its delivery shows below.`);
      await showDeliveries(hook);
    }));
    const deliveries = button('Deliveries', 'secondary small webhook-deliveries', () => run(deliveries, () => showDeliveries(hook)));
    const remove = button('Delete…', 'secondary small webhook-delete');
    const confirm = button('Yes, delete', 'danger small webhook-delete-confirm', () => run(confirm, async () => {
      await deleteResource(`/api/tracking/webhooks/${encodeURIComponent(hook.id)}`, line.token());
      show($('webhook-list-done'), `The webhook for ${hook.url} is deleted; no further events are sent to it.`);
      await load();
      onChanged();
    }));
    const keep = button('Keep', 'secondary small');
    confirm.hidden = true;
    keep.hidden = true;
    confirm.setAttribute('aria-label', `Yes, delete the webhook for ${hook.url}`);
    remove.setAttribute('aria-label', `Delete the webhook for ${hook.url}`);
    remove.addEventListener('click', () => { remove.hidden = true; confirm.hidden = false; keep.hidden = false; confirm.focus(); });
    keep.addEventListener('click', () => { remove.hidden = false; confirm.hidden = true; keep.hidden = true; remove.focus(); });
    cell.append(ping, deliveries, remove, confirm, keep);
    return cell;
  }

  async function run(trigger, work) {
    show($('webhook-list-error'), '');
    show($('webhook-list-done'), '');
    trigger.disabled = true;
    try {
      await work();
    } catch (error) {
      showProblem($('webhook-list-error'), error);
    } finally {
      trigger.disabled = false;
    }
  }

  async function showDeliveries(hook) {
    shownDeliveries = hook;
    const answer = await getJson(`/api/tracking/webhooks/${encodeURIComponent(hook.id)}/deliveries`, line.token());
    const rows = answer.deliveries || [];
    fillTable($('deliveries-body'), rows.map((d) => [formatDate(d.createdAt), d.eventType, deliveryBadge(d.status),
      d.attempts, d.lastHttpStatus ? `HTTP ${d.lastHttpStatus}` : (d.lastError || '—'),
      d.deliveredAt ? formatDate(d.deliveredAt) : formatDate(d.nextAttemptAt)]));
    [...$('deliveries-body').rows].forEach((row, i) => { row.dataset.eventType = rows[i].eventType; row.dataset.status = rows[i].status; });
    $('deliveries-title').textContent = `Deliveries to ${hook.url}`;
    $('deliveries').hidden = false;
  }

  $('webhook-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const url = $('webhook-url').value.trim();
    const submit = $('webhook-submit');
    show($('webhook-error'), '');
    $('webhook-url').removeAttribute('aria-invalid');
    if (!/^https:\/\/\S+$/i.test(url)) {
      show($('webhook-error'), 'Enter the HTTPS address of your endpoint, starting with https://.');
      $('webhook-url').setAttribute('aria-invalid', 'true');
      $('webhook-url').focus();
      return;
    }
    submit.disabled = true;
    try {
      const created = await postJson('/api/tracking/webhooks', { url, scope: 'LINE' }, line.token());
      $('webhook-url').value = '';
      const value = $('webhook-secret-value');
      value.replaceChildren(copyable(created.secret, 'webhook signing secret', 'webhook-secret'));
      $('webhook-secret-box').hidden = false;
      $('webhook-secret-dismiss').focus();
      await load();
      onChanged();
    } catch (error) {
      showProblem($('webhook-error'), error);
      $('webhook-url').setAttribute('aria-invalid', 'true');
    } finally {
      submit.disabled = false;
    }
  });
  $('webhook-secret-dismiss').addEventListener('click', () => {
    // The secret leaves the page once the customer confirms they stored it.
    $('webhook-secret-value').replaceChildren();
    $('webhook-secret-box').hidden = true;
    $('webhook-url').focus();
  });
  $('deliveries-refresh').addEventListener('click', () => {
    // The list's "last delivery" column follows the log.
    if (shownDeliveries) run($('deliveries-refresh'), () => showDeliveries(shownDeliveries).then(load));
  });

  return { load };
}
