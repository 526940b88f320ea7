'use strict';
// The simulator page, part two: the @ picker and sending words and files. Loaded after page.js.
// ---- the @ picker: typing @ offers the group's members ----
let picks = [], pickIndex = 0;
function mentionQuery() {
  const input = $('input'), before = input.value.slice(0, input.selectionStart);
  const m = /@([^\s@]*)$/.exec(before);
  return m && currentGroup() ? { start: before.length - m[0].length, query: m[1] } : null;
}
function updatePicker() {
  const q = mentionQuery(), g = currentGroup();
  picks = q ? g.memberIds.map((id) => shownIn(g, id)).filter((n) => n.includes(q.query)) : [];
  pickIndex = 0;
  renderPicker();
}
function renderPicker() {
  const list = $('mention-picker');
  list.replaceChildren(...picks.map((name, i) => {
    const li = el('li', i === pickIndex ? 'sel' : null, name);
    li.setAttribute('role', 'option');
    li.onmousedown = (e) => { e.preventDefault(); insertMention(name, mentionQuery()); };
    return li;
  }));
  list.classList.toggle('show', picks.length > 0);
}
function insertMention(name, q) {
  const input = $('input');
  const start = q ? q.start : input.selectionStart, end = input.selectionStart;
  const text = `@${name} `;
  input.value = input.value.slice(0, start) + text + input.value.slice(end);
  input.selectionStart = input.selectionEnd = start + text.length;
  picks = []; renderPicker();
  input.focus();
}
$('input').oninput = updatePicker;
$('input').onblur = () => { picks = []; renderPicker(); };

// ---- sending words and files ----
async function post(body) {
  if (!conv) return showError('请先选择一个会话');
  if (conv.type === 'group') {
    body.from = currentSpeaker();
    if (!body.from) return showError('请先选择发言人（可先添加群成员）');
  } else if ($('to-account').value) body.account = Number($('to-account').value);
  $('send').disabled = true;
  try {
    await api('POST', convPath(), body);
    fastUntil = Date.now() + 8000;
    return true;
  } catch (e) { showError(e); return false; }
  finally { $('send').disabled = false; }
}
async function send() {
  const text = $('input').value;
  if (!text.trim()) return;
  if (await post({ text })) { $('input').value = ''; pollConv(true).catch(showError); }
  $('input').focus();
}
$('send').onclick = send;
$('input').onkeydown = (e) => {
  if (picks.length && ['ArrowDown', 'ArrowUp', 'Enter', 'Tab', 'Escape'].includes(e.key) && !e.isComposing) {
    e.preventDefault();
    if (e.key === 'ArrowDown') pickIndex = (pickIndex + 1) % picks.length;
    else if (e.key === 'ArrowUp') pickIndex = (pickIndex + picks.length - 1) % picks.length;
    else if (e.key === 'Escape') picks = [];
    else return insertMention(picks[pickIndex], mentionQuery());
    return renderPicker();
  }
  // Enter sends; Shift+Enter is a new line; Enter while an IME is composing is not a send.
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); send(); }
};
$('attach').onclick = () => { if (!conv) return showError('请先选择一个会话'); $('file-input').click(); };
$('file-input').onchange = () => {
  const file = $('file-input').files[0];
  $('file-input').value = '';
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) return showError('文件太大（最多 10 MB）');
  const reader = new FileReader();
  reader.onload = async () => {
    const base64 = String(reader.result).replace(/^data:[^,]*,/, '');
    if (await post({ file: { name: file.name, base64 } })) pollConv(true).catch(showError);
  };
  reader.onerror = () => showError('读取文件失败');
  reader.readAsDataURL(file);
};

// ---- start ----
pollHealth();
listsLoop();
convLoop();
