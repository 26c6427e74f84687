/**
 * The demo region: Greater Manchester's ten councils (real names, ONS codes and town-centre
 * coordinates). Everything about people in the demo region is synthetic.
 */
export const DEMO_COUNCILS = [
  { name: 'Bolton', onsCode: 'E08000001', lat: 53.5769, lon: -2.4282 },
  { name: 'Bury', onsCode: 'E08000002', lat: 53.5933, lon: -2.2966 },
  { name: 'Manchester', onsCode: 'E08000003', lat: 53.4808, lon: -2.2426 },
  { name: 'Oldham', onsCode: 'E08000004', lat: 53.5409, lon: -2.1114 },
  { name: 'Rochdale', onsCode: 'E08000005', lat: 53.6097, lon: -2.1561 },
  { name: 'Salford', onsCode: 'E08000006', lat: 53.4875, lon: -2.2901 },
  { name: 'Stockport', onsCode: 'E08000007', lat: 53.4106, lon: -2.1575 },
  { name: 'Tameside', onsCode: 'E08000008', lat: 53.4806, lon: -2.0809 },
  { name: 'Trafford', onsCode: 'E08000009', lat: 53.4215, lon: -2.3517 },
  { name: 'Wigan', onsCode: 'E08000010', lat: 53.545, lon: -2.6325 },
] as const;
