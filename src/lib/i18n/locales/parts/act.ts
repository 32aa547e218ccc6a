/**
 * Words of the act-and-measure statistics' notices (tests, sample sizes, ladders, control groups),
 * in both languages (spread into locales/en.ts and zh.ts).
 */
export const actEn = {
  'act.confidenceInvalid': 'The confidence level “{confidence}” is not valid: use a number between 0 and 1, such as 0.95.',
  'act.countsInvalid': 'Group {group}: {conversions} conversions of {n} customers is not possible. Enter whole numbers, with conversions from 0 up to the group’s size.',
  'act.groupEmpty': 'Both groups need customers to compare (A has {a}, B has {b}).',
  'act.sumsInvalid': 'Group {group}: the figures do not fit together ({n} customers, sum {sum}, sum of squares {sumSquares}). The sum of squares must be at least sum² ÷ n.',
  'act.groupTooSmall': 'Each group needs at least 2 customers to compare averages (A has {a}, B has {b}).',
  'act.priorInvalid': 'The prior “{prior}” is not valid: use two numbers above 0, such as 1 and 1.',
  'act.rateInvalid': 'The rates must be between 0 and 1 (baseline {baseline}, target {target}).',
  'act.effectZero': 'The target rate equals the baseline ({baseline}): there is no difference to detect.',
  'act.alphaInvalid': 'The significance level “{alpha}” is not valid: use a number between 0 and 1, such as 0.05.',
  'act.powerInvalid': 'The power “{power}” is not valid: use a number between 0 and 1, such as 0.8.',
  'act.groupsTooFew': 'A sample-ratio check needs at least 2 groups (there are {groups}).',
  'act.groupCountInvalid': 'Group {index}: “{value}” is not a number of customers: enter a whole number of 0 or more.',
  'act.sharesInvalid': 'The planned shares “{shares}” do not fit {groups} groups: give one share of 0 or more per group, not all 0.',
  'act.orderCountInvalid': 'Customer {index}: “{value}” is not a number of orders: it must be a whole number of 0 or more.',
  'act.maxOrdersInvalid': '“{maxOrders}” is not a valid number of steps: use a whole number of 1 or more.',
  'act.shareInvalid': 'The control group share “{share}” is not valid: use a share between 0 and 1 (0.1 is 10%).',
};

export const actZh: Record<keyof typeof actEn, string> = {
  'act.confidenceInvalid': '置信水平“{confidence}”无效：请输入 0 到 1 之间的数，例如 0.95。',
  'act.countsInvalid': '{group} 组：{n} 位客户中有 {conversions} 次转化，这不可能。请输入整数，转化数在 0 到该组人数之间。',
  'act.groupEmpty': '两组都需要有客户才能比较（A 组 {a} 位，B 组 {b} 位）。',
  'act.sumsInvalid': '{group} 组：这些数字对不上（{n} 位客户，总和 {sum}，平方和 {sumSquares}）。平方和不能小于 总和² ÷ 人数。',
  'act.groupTooSmall': '比较平均值时每组至少需要 2 位客户（A 组 {a} 位，B 组 {b} 位）。',
  'act.priorInvalid': '先验“{prior}”无效：请输入两个大于 0 的数，例如 1 和 1。',
  'act.rateInvalid': '比率须在 0 到 1 之间（基准 {baseline}，目标 {target}）。',
  'act.effectZero': '目标比率与基准相同（{baseline}）：没有可检测的差异。',
  'act.alphaInvalid': '显著性水平“{alpha}”无效：请输入 0 到 1 之间的数，例如 0.05。',
  'act.powerInvalid': '检验功效“{power}”无效：请输入 0 到 1 之间的数，例如 0.8。',
  'act.groupsTooFew': '样本比例检查至少需要 2 个组（现有 {groups} 个）。',
  'act.groupCountInvalid': '第 {index} 组：“{value}”不是客户人数，请输入大于或等于 0 的整数。',
  'act.sharesInvalid': '计划比例“{shares}”与 {groups} 个组不符：每组给一个大于或等于 0 的比例，且不能全为 0。',
  'act.orderCountInvalid': '第 {index} 位客户：“{value}”不是订单数，须为大于或等于 0 的整数。',
  'act.maxOrdersInvalid': '“{maxOrders}”不是有效的步数，请输入大于或等于 1 的整数。',
  'act.shareInvalid': '对照组比例“{share}”无效：请输入 0 到 1 之间的比例（0.1 即 10%）。',
};
