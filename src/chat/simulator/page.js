'use strict';
// The simulator page: plain DOM, no build step. It polls the JSON API (see README, 模拟器接口).
const $ = (id) => document.getElementById(id);
const LS_CONV = 'zhibu-sim.conv', LS_SPEAKERS = 'zhibu-sim.speakers', LS_SEEN = 'zhibu-sim.seen';
const MAX_FILE_BYTES = 10 * 1024 * 1024;

// ---- state ----
let contacts = [], groups = [];
let conv = null;            // { type: 'group' | 'contact', id }
let convToken = 0;          // bumps on every conversation switch, to drop stale poll results
let messages = [], lastSeq = 0;
let olderNote = null;        // the open chat's older messages are only in the log file
let fastUntil = 0;          // poll faster until this time (after sending)
const speakers = loadJSON(LS_SPEAKERS) || {};   // groupId -> contactId
const seen = loadJSON(LS_SEEN) || {};           // conversation id -> last seq read
const unread = {};                               // conversation id -> bot messages not read
let restored = false;

function loadJSON(key) { try { return JSON.parse(localStorage.getItem(key)); } catch { return null; } }
function saveJSON(key, v) { try { localStorage.setItem(key, JSON.stringify(v)); } catch { /* private mode */ } }

// ---- helpers ----
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}
const enc = encodeURIComponent;
const groupById = (id) => groups.find((g) => g.id === id);
const contactName = (id) => (contacts.find((c) => c.id === id) || {}).name || id;
/** Two contacts with one name are told apart by the end of their id. */
function label(id) {
  const name = contactName(id);
  return contacts.filter((c) => c.name === name).length > 1 ? `${name}·${id.slice(-4)}` : name;
}
/** How a member appears in a group: the 群昵称 when set. */
const shownIn = (g, id) => (g && g.aliases && g.aliases[id]) || label(id);
const pad = (n) => String(n).padStart(2, '0');
const hhmm = (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
const dayKey = (d) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
const dayText = (d) => `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 星期${'日一二三四五六'[d.getDay()]}`;

async function api(method, path, body) {
  let res;
  try {
    res = await fetch(path, { method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  } catch {
    throw Object.assign(new Error('无法连接模拟器服务'), { offline: true });
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!res.ok) throw new Error((data && data.error) || `请求失败（HTTP ${res.status}）`);
  return data;
}

// ---- error bar: connection errors clear themselves once the bot answers again ----
function showError(err) {
  $('errtext').textContent = err && err.message ? err.message : String(err);
  $('errbar').dataset.offline = err && err.offline ? '1' : '';
  $('errbar').classList.add('show');
}
function backOnline() { if ($('errbar').dataset.offline === '1') $('errbar').classList.remove('show'); }
$('errclose').onclick = () => $('errbar').classList.remove('show');

async function pollHealth() {
  let state = 'down';
  try { const r = await fetch('/api/health'); state = r.ok && (await r.json()).ok === true ? 'ok' : 'starting'; } catch { /* down */ }
  $('status').className = state;
  $('status-text').textContent = { ok: '就绪', starting: '启动中…', down: '连接中断' }[state];
  if (state === 'ok') backOnline();
  setTimeout(pollHealth, state === 'ok' ? 3000 : 1000);
}

// ---- the lists and their unread counts ----
let lastListsKey = '', lastNamesKey = '';
async function loadLists() {
  const [c, g] = await Promise.all([api('GET', '/api/contacts'), api('GET', '/api/groups')]);
  contacts = c.contacts || [];
  groups = g.groups || [];
  await countUnread();
  const key = JSON.stringify([contacts, groups, conv, unread]);
  if (key !== lastListsKey) { lastListsKey = key; renderLists(); renderChatHead(); }
  // A renamed contact or a new 群昵称 shows on the messages already there, without moving the view.
  const names = JSON.stringify([contacts, currentGroup() && currentGroup().aliases]);
  if (names !== lastNamesKey) { lastNamesKey = names; if (messages.length) renderMessages(true); }
  if (!restored) {
    restored = true;
    // A link like /#group=<id>&as=<contactId> (or #contact=<id>) opens that chat directly.
    const link = new URLSearchParams(location.hash.slice(1));
    if (link.get('group') && link.get('as')) { speakers[link.get('group')] = link.get('as'); saveJSON(LS_SPEAKERS, speakers); }
    const linked = link.get('group') ? { type: 'group', id: link.get('group') } : link.get('contact') ? { type: 'contact', id: link.get('contact') } : null;
    const saved = linked || (window.innerWidth > 700 ? loadJSON(LS_CONV) : null);
    if (saved && (saved.type === 'group' ? groupById(saved.id) : contacts.some((x) => x.id === saved.id))) openConv(saved);
  }
}
/** The bot's messages since each chat was last read (the open chat is always read). */
async function countUnread() {
  const ids = [...groups.map((g) => g.id), ...contacts.map((c) => c.id)];
  await Promise.all(ids.map(async (id) => {
    if (conv && conv.id === id) { unread[id] = 0; return; }
    const type = groupById(id) ? 'groups' : 'contacts';
    const data = await api('GET', `/api/${type}/${enc(id)}/messages?after=${seen[id] || 0}`);
    unread[id] = (data.messages || []).filter((m) => m.from === 'bot').length;
  }));
}
async function listsLoop() {
  try { await loadLists(); backOnline(); } catch (e) { showError(e); }
  setTimeout(listsLoop, 2000);
}

function listItem(name, extra, unreadCount, active, onClick) {
  const it = el('div', 'item' + (active ? ' active' : ''));
  it.append(el('span', 'name', name));
  if (unreadCount) it.append(el('span', 'badge', String(unreadCount)));
  if (extra) it.append(el('span', 'count', extra));
  it.onclick = onClick;
  return it;
}
function renderLists() {
  const gl = $('group-list'), cl = $('contact-list');
  gl.replaceChildren(); cl.replaceChildren();
  if (!groups.length) gl.append(el('div', 'empty', '暂无群聊'));
  for (const g of groups) {
    gl.append(listItem(g.topic || g.id, `${g.memberIds.length}人`, unread[g.id], conv && conv.id === g.id, () => openConv({ type: 'group', id: g.id })));
  }
  if (!contacts.length) cl.append(el('div', 'empty', '暂无联系人'));
  for (const c of contacts) cl.append(listItem(label(c.id), null, unread[c.id], conv && conv.id === c.id, () => openConv({ type: 'contact', id: c.id })));
}

// ---- new group / new contact ----
$('btn-new-group').onclick = () => {
  if (!$('form-group').classList.toggle('show')) return;
  const box = $('group-checks');
  box.replaceChildren();
  if (!contacts.length) box.append(el('div', 'empty', '暂无联系人，请先新建联系人'));
  for (const c of contacts) {
    const lab = el('label'), cb = el('input');
    cb.type = 'checkbox'; cb.value = c.id;
    lab.append(cb, ' ', label(c.id));
    box.append(lab);
  }
  if (typeof renderBotChecks === 'function') renderBotChecks();
  $('group-topic').value = '';
  $('group-topic').focus();
};
$('group-cancel').onclick = () => $('form-group').classList.remove('show');
$('group-create').onclick = async () => {
  const topic = $('group-topic').value.trim();
  const memberIds = [...$('group-checks').querySelectorAll('input:checked')].map((cb) => cb.value);
  if (!topic) return showError('请输入群名称');
  try {
    const bots = [...$('group-bots').querySelectorAll('input:checked')].map((cb) => Number(cb.value));
    const g = await api('POST', '/api/groups', { topic, memberIds, ...(bots.length ? { accounts: bots } : {}) });
    $('form-group').classList.remove('show');
    if (memberIds.length) { speakers[g.id] = memberIds[0]; saveJSON(LS_SPEAKERS, speakers); }
    await loadLists();
    openConv({ type: 'group', id: g.id });
  } catch (e) { showError(e); }
};
$('btn-new-contact').onclick = () => {
  if ($('form-contact').classList.toggle('show')) { $('contact-name').value = ''; $('contact-name').focus(); }
};
$('contact-cancel').onclick = () => $('form-contact').classList.remove('show');
$('contact-create').onclick = async () => {
  const name = $('contact-name').value.trim();
  if (!name) return showError('请输入姓名');
  try {
    await api('POST', '/api/contacts', { name });
    $('form-contact').classList.remove('show');
    await loadLists();
  } catch (e) { showError(e); }
};
$('contact-name').onkeydown = (e) => { if (e.key === 'Enter' && !e.isComposing) $('contact-create').click(); };
$('group-topic').onkeydown = (e) => { if (e.key === 'Enter' && !e.isComposing) $('group-create').click(); };

// ---- the open conversation ----
function openConv(c) {
  conv = { type: c.type, id: c.id };
  saveJSON(LS_CONV, conv);
  convToken++;
  messages = []; lastSeq = 0; olderNote = null; unread[c.id] = 0;
  document.body.classList.add('in-chat');
  $('members-panel').classList.remove('show');
  renderLists(); renderChatHead(); renderMessages();
  pollConv().catch(showError);
  if (window.innerWidth > 700) $('input').focus();
}
$('back').onclick = () => { document.body.classList.remove('in-chat'); conv = null; saveJSON(LS_CONV, null); renderLists(); };

const currentGroup = () => (conv && conv.type === 'group' ? groupById(conv.id) : null);
function currentSpeaker() { return !conv ? null : conv.type === 'contact' ? conv.id : speakers[conv.id] || null; }

function fillSelect(sel, items, value) {
  sel.replaceChildren();
  for (const [v, text] of items) { const o = el('option', null, text); o.value = v; sel.append(o); }
  if (value != null && items.some(([v]) => v === value)) sel.value = value;
}

function renderChatHead() {
  const g = currentGroup();
  $('chat-title').textContent = !conv ? '未选择会话' : g ? `${g.topic}（${g.memberIds.length}）` : `与 ${label(conv.id)} 私聊`;
  document.body.classList.toggle('in-group', !!g);
  if (!g) return;
  let sp = speakers[g.id];
  if (!g.memberIds.includes(sp)) sp = g.memberIds[0] || null;
  if (sp !== speakers[g.id]) { speakers[g.id] = sp; saveJSON(LS_SPEAKERS, speakers); renderMessages(); }
  fillSelect($('speaker'), g.memberIds.map((id) => [id, shownIn(g, id)]), sp);
  // Tapping a member's name inserts the mention, as in WeChat.
  $('member-chips').replaceChildren(...g.memberIds.map((id) => {
    const chip = el('button', null, shownIn(g, id));
    chip.onclick = () => insertMention(shownIn(g, id), null);
    return chip;
  }));
  const others = contacts.filter((c) => !g.memberIds.includes(c.id));
  fillSelect($('add-member-select'), others.map((c) => [c.id, label(c.id)]), $('add-member-select').value);
  $('add-member-select').disabled = $('add-member-btn').disabled = !others.length;
  if ($('members-panel').classList.contains('show') && !$('alias-list').contains(document.activeElement)) renderAliases(g);
  if (typeof renderGroupAccounts === 'function') renderGroupAccounts(g);
}

// ---- members panel: add a member, set 群昵称 ----
$('btn-members').onclick = () => {
  const follow = atBottom();
  if ($('members-panel').classList.toggle('show')) renderAliases(currentGroup());
  if (follow) toBottom();
};
function renderAliases(g) {
  $('alias-list').replaceChildren(...g.memberIds.map((id) => {
    const row = el('div', 'panel-row');
    const input = el('input');
    input.type = 'text'; input.placeholder = '群昵称'; input.value = (g.aliases && g.aliases[id]) || '';
    input.setAttribute('aria-label', `${label(id)} 的群昵称`);
    const save = el('button', null, '保存');
    save.onclick = async () => {
      try { await api('PUT', `/api/groups/${enc(g.id)}/members/${enc(id)}`, { alias: input.value.trim() }); input.blur(); await loadLists(); } catch (e) { showError(e); }
    };
    input.onkeydown = (e) => { if (e.key === 'Enter' && !e.isComposing) save.click(); };
    row.append(el('span', 'who', label(id)), input, save);
    return row;
  }));
}
$('speaker').onchange = () => {
  if (!conv || conv.type !== 'group') return;
  speakers[conv.id] = $('speaker').value;
  saveJSON(LS_SPEAKERS, speakers);
  renderMessages();
};
$('add-member-btn').onclick = async () => {
  const contactId = $('add-member-select').value;
  if (!conv || conv.type !== 'group' || !contactId) return;
  try {
    await api('POST', `/api/groups/${enc(conv.id)}/members`, { contactId });
    if (!speakers[conv.id]) { speakers[conv.id] = contactId; saveJSON(LS_SPEAKERS, speakers); }
    await loadLists();
    renderAliases(currentGroup());
  } catch (e) { showError(e); }
};

// ---- messages: day dividers, no jump while reading history ----
function messageEl(m) {
  const isBot = m.from === 'bot';
  const mine = !isBot && m.from === currentSpeaker();
  const row = el('div', 'msg' + (isBot ? ' bot' : '') + (mine ? ' right' : ''));
  const meta = el('div', 'meta');
  meta.append(el('span', 'who', isBot ? m.accountName || '支部助手' : shownIn(currentGroup(), m.from)), el('span', 'time', hhmm(new Date(m.at))));
  // With several accounts, a private message says which account it was written to.
  if (!isBot && m.account && document.body.classList.contains('multi')) meta.append(el('span', 'to', `→ ${m.accountName || accountName(m.account)}`));
  const bubble = el('div', 'bubble');
  if (m.text) bubble.append(el('div', 'text', m.text));
  if (m.file) {
    const a = el('a', 'file', '［文件］' + (m.file.name || ''));
    a.href = m.file.url; a.target = '_blank'; a.rel = 'noopener';
    a.setAttribute('download', m.file.name || '');
    bubble.append(a);
  }
  row.append(meta, bubble);
  return row;
}
function appendMessages(list) {
  const box = $('messages');
  for (const m of list) {
    const at = new Date(m.at), before = messages[messages.length - 1];
    if (!before || dayKey(new Date(before.at)) !== dayKey(at)) { const d = el('div', 'day'); d.append(el('span', null, dayText(at))); box.append(d); }
    messages.push(m);
    box.append(messageEl(m));
  }
}
/** Draws the whole conversation again; `keepView` keeps a reader where they were in the history. */
function renderMessages(keepView) {
  const box = $('messages'), all = messages, top = box.scrollTop, follow = !keepView || atBottom();
  box.replaceChildren();
  if (!conv) { const p = el('div', null, '选择左侧的群聊或联系人开始对话'); p.id = 'placeholder'; box.append(p); return; }
  messages = [];
  if (olderNote) box.append(olderNote);
  appendMessages(all);
  box.scrollTop = follow ? box.scrollHeight : top;
}
const atBottom = () => { const b = $('messages'); return b.scrollHeight - b.scrollTop - b.clientHeight < 40; };
function toBottom() { const b = $('messages'); b.scrollTop = b.scrollHeight; $('new-chip').classList.remove('show'); }
$('new-chip').onclick = toBottom;
$('messages').onscroll = () => { if (atBottom()) $('new-chip').classList.remove('show'); };

function convPath() { return `/api/${conv.type === 'group' ? 'groups' : 'contacts'}/${enc(conv.id)}/messages`; }
async function pollConv(follow) {
  if (!conv) return;
  const token = convToken;
  const data = await api('GET', `${convPath()}?after=${lastSeq}`);
  if (token !== convToken) return;
  const fresh = (data.messages || []).filter((m) => m.seq > lastSeq).sort((a, b) => a.seq - b.seq);
  // The simulator keeps the newest few thousand messages of the world; older ones are in its log file.
  if (lastSeq === 0 && data.truncated && !olderNote) {
    olderNote = el('div', 'day older'); olderNote.append(el('span', null, data.logFile ? `更早的消息不在这里显示，全部记录在 ${data.logFile}` : '更早的消息不在这里显示'));
    $('messages').prepend(olderNote);
  }
  if (!fresh.length) return;
  const first = lastSeq === 0, wasAtBottom = atBottom();
  appendMessages(fresh);
  lastSeq = fresh[fresh.length - 1].seq;
  seen[conv.id] = lastSeq; saveJSON(LS_SEEN, seen);
  if (first || follow || wasAtBottom) toBottom();
  else $('new-chip').classList.add('show');
}
async function convLoop() {
  try { await pollConv(); } catch (e) { showError(e); }
  setTimeout(convLoop, Date.now() < fastUntil ? 300 : 1000);
}
