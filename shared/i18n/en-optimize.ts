/** The English sentences of Optimize Hosts (spread into the main catalogue). */
export const mainEnOptimize = {
  'optimize.dim.memory': 'memory',
  'optimize.dim.cpu': 'CPU',
  'optimize.aggressiveness.low': 'low',
  'optimize.aggressiveness.medium': 'medium',
  'optimize.aggressiveness.high': 'high',
  'optimize.reason': '{source} {sourceDim} {sourceBefore}% → {sourceAfter}%, {dest} {destDim} {destBefore}% → {destAfter}% (gain {gain} points).',
  'optimize.reason.over':
    '{source} is over its thresholds: {sourceDim} {sourceBefore}% → {sourceAfter}%, {dest} {destDim} {destBefore}% → {destAfter}% (gain {gain} points).',
  'optimize.summary.one':
    '{count} move evens out the load: the spread of memory use goes from {stdevBefore} to {stdevAfter} points, the busiest host’s memory from {maxBefore}% to {maxAfter}%.',
  'optimize.summary.other':
    '{count} moves even out the load: the spread of memory use goes from {stdevBefore} to {stdevAfter} points, the busiest host’s memory from {maxBefore}% to {maxAfter}%.',
  'optimize.nothing':
    'Nothing is worth moving: no live migration gains at least {gain} points ({aggressiveness} aggressiveness) while keeping every placement rule and every host within its thresholds.',
  'optimize.nothing.noHosts': 'Nothing to optimize: fewer than two hosts of one cluster can take part ({hosts} responding, out of maintenance mode).',
  'optimize.skipped.maintenance': '{host} is in maintenance mode: Optimize Hosts leaves it out.',
  'optimize.skipped.notResponding': '{host} is not responding: Optimize Hosts leaves it out.',
  'optimize.skipped.standalone':
    '{host} is a standalone host: Optimize Hosts moves VMs only inside clusters unless standalone hosts with shared storage are allowed.',
} as const;
