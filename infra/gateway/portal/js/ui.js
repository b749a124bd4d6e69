// Small DOM helpers shared by the portal's pages: elements, copy buttons, tables and two-step confirmations.

export const $ = (id) => document.getElementById(id);

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

export function button(text, className, onClick) {
  const node = el('button', className, text);
  node.type = 'button';
  if (onClick) node.addEventListener('click', onClick);
  return node;
}

export async function copy(text, trigger) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (unavailable) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  const label = trigger.dataset.label || trigger.textContent;
  trigger.dataset.label = label;
  trigger.textContent = 'Copied';
  setTimeout(() => { trigger.textContent = label; }, 2000);
}

/** A small "Copy" button; {@code what} names the value for screen readers. */
export function copyButton(text, what) {
  const node = button('Copy', 'secondary small', null);
  node.setAttribute('aria-label', `Copy ${what}`);
  node.addEventListener('click', () => copy(text, node));
  return node;
}

/** A value shown in monospace with its copy button, e.g. a DNS record name or a webhook secret. */
export function copyable(value, what, id) {
  const wrap = el('span', 'copyable');
  const code = el('code', 'mono wrap-anywhere', value);
  if (id) code.id = id;
  wrap.append(code, ' ', copyButton(value, what));
  return wrap;
}

/** Rows of cells (text or nodes) into a tbody. */
export function fillTable(body, rows) {
  body.replaceChildren();
  for (const cells of rows) {
    const row = el('tr');
    for (const cell of cells) {
      const td = el('td');
      if (cell instanceof Node) td.append(cell);
      else td.textContent = cell === undefined || cell === null || cell === '' ? '—' : String(cell);
      row.append(td);
    }
    body.append(row);
  }
}

/**
 * A two-step action: {@code start} shows the confirmation box (and focuses its confirm button), {@code back}
 * hides it again. Irreversible actions never run on a single click.
 */
export function confirmStep(startButton, box, confirmButton, backButton) {
  const open = () => {
    box.hidden = false;
    startButton.hidden = true;
    confirmButton.focus();
  };
  const close = () => {
    box.hidden = true;
    startButton.hidden = false;
  };
  startButton.addEventListener('click', open);
  backButton.addEventListener('click', () => {
    close();
    startButton.focus();
  });
  return { open, close };
}

const SEVERITY = { ERROR: ['Problem', 'error'], WARNING: ['Warning', 'warning'], OK: ['OK', 'success'] };

/** Findings of a check ({code, severity, message, fix}) as a list a person can work through, worst first. */
export function findingsList(findings) {
  const order = { ERROR: 0, WARNING: 1, OK: 2 };
  const list = el('ul', 'findings');
  const sorted = [...(findings || [])].sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3));
  for (const finding of sorted) {
    const [label, tone] = SEVERITY[finding.severity] || [finding.severity || 'Note', 'neutral'];
    const item = el('li', `finding ${tone}`);
    item.dataset.code = finding.code || '';
    item.dataset.severity = finding.severity || '';
    const head = el('p', 'finding-head');
    head.append(el('span', `badge ${tone}`, label), ' ', el('span', 'finding-message', finding.message));
    item.append(head);
    if (finding.fix) {
      const fix = el('p', 'finding-fix');
      fix.append(el('strong', null, 'How to fix: '), finding.fix);
      item.append(fix);
    }
    list.append(item);
  }
  return list;
}
