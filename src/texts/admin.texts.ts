/** The super-admin's view of the scheduler. */
export const adminTexts = {
  noParkedJobs: () => '没有搁置的定时任务，一切正常。',
  parkedHeader: (p: { count: number }) => `多次失败后搁置的定时任务（${p.count} 个，详见日志）：`,
  parkedLine: (p: { id: number; kind: string; dueAt: string; attempts: number; error: string }) =>
    `· #${p.id} ${p.kind}，原定 ${p.dueAt}，试了 ${p.attempts} 次：${p.error}`,
}
