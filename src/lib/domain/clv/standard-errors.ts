/**
 * Asymptotic standard errors of maximum-likelihood estimates: square roots of the diagonal of the
 * inverse Hessian of −LL at the optimum (central second differences on the natural scale, step
 * 1e-4 relative). NaN where the Hessian is not positive definite there.
 * @param negLogLikelihood −LL as a function of the parameters
 * @param at the fitted parameters
 */
export function standardErrors(negLogLikelihood: (q: number[]) => number, at: number[]): number[] {
  const n = at.length;
  const f = negLogLikelihood;
  const h = at.map((v) => 1e-4 * v);
  const f0 = f(at);
  const shifted = (i: number, si: number, j: number, sj: number) => {
    const q = at.slice();
    q[i] += si * h[i];
    q[j] += sj * h[j];
    return f(q);
  };
  const H: number[][] = at.map(() => at.map(() => 0));
  for (let i = 0; i < n; i++) {
    H[i][i] = (shifted(i, 1, i, 0) - 2 * f0 + shifted(i, -1, i, 0)) / (h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      H[i][j] = H[j][i] = (shifted(i, 1, j, 1) - shifted(i, 1, j, -1) - shifted(i, -1, j, 1) + shifted(i, -1, j, -1)) / (4 * h[i] * h[j]);
    }
  }
  const inv = invert(H);
  return at.map((_, i) => {
    const v = inv ? inv[i][i] : Number.NaN;
    return v > 0 && Number.isFinite(v) ? Math.sqrt(v) : Number.NaN;
  });
}

function invert(m: number[][]): number[][] | null {
  const n = m.length;
  const aug = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let i = col + 1; i < n; i++) if (Math.abs(aug[i][col]) > Math.abs(aug[pivot][col])) pivot = i;
    if (!(Math.abs(aug[pivot][col]) > 0)) return null;
    [aug[col], aug[pivot]] = [aug[pivot], aug[col]];
    const div = aug[col][col];
    for (let j = 0; j < 2 * n; j++) aug[col][j] /= div;
    for (let i = 0; i < n; i++) {
      if (i === col) continue;
      const f = aug[i][col];
      for (let j = 0; j < 2 * n; j++) aug[i][j] -= f * aug[col][j];
    }
  }
  return aug.map((row) => row.slice(n));
}

