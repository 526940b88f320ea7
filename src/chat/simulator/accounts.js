'use strict';
// The simulator page, part three: several bot accounts in one world. Loaded after compose.js.
// Which account each bot message came from is on the message itself (accountName); here: which
// accounts are in a group (add or remove one), which a new group gets, and which a private message goes to.
let botAccounts = [];
const accountName = (n) => (botAccounts.find((a) => a.number === n) || {}).name || `账号${n}`;

async function loadAccounts() {
  try {
    botAccounts = (await api('GET', '/api/accounts')).accounts || [];
  } catch { setTimeout(loadAccounts, 2000); return; }
  document.body.classList.toggle('multi', botAccounts.length > 1);
  fillSelect($('to-account'), botAccounts.map((a) => [String(a.number), a.name]), $('to-account').value || '1');
  if (currentGroup()) renderGroupAccounts(currentGroup());
}

/** The new-group form: which bot accounts are in the group (the first is ticked). */
function renderBotChecks() {
  const box = $('group-bots');
  box.replaceChildren();
  for (const a of botAccounts) {
    const lab = el('label'), cb = el('input');
    cb.type = 'checkbox'; cb.value = String(a.number); cb.checked = a.number === 1;
    lab.append(cb, ' 机器人 ', a.name);
    box.append(lab);
  }
}

/** The members panel: each bot account, in the group or not, with the button that changes it. */
function renderGroupAccounts(g) {
  if (!g || botAccounts.length < 2) return;
  const inGroup = g.accounts || [];
  $('account-list').replaceChildren(...botAccounts.map((a) => {
    const row = el('div', 'panel-row');
    const member = inGroup.includes(a.number);
    const button = el('button', null, member ? '移出群' : '拉进群');
    button.onclick = async () => {
      try {
        if (member) await api('DELETE', `/api/groups/${enc(g.id)}/accounts/${a.number}`);
        else await api('POST', `/api/groups/${enc(g.id)}/accounts`, { account: a.number });
        await loadLists();
      } catch (e) { showError(e); }
    };
    row.append(el('span', 'who', `机器人 ${a.name}`), el('span', null, member ? '在群里' : '不在群里'), button);
    return row;
  }));
}

loadAccounts();
