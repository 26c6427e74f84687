/**
 * The demo region: Greater Manchester's ten councils (real names, ONS codes, areas and town-centre
 * coordinates). Everything about people in the demo region is synthetic.
 */

export interface Town {
  name: string;
  lat: number;
  lon: number;
  /** Relative population, to spread homes and children as people are spread. */
  weight: number;
}

export interface DemoCouncil {
  name: string;
  onsCode: string;
  lat: number;
  lon: number;
  /** Standard Area Measurement (ONS), square kilometres. */
  areaSqKm: number;
  region: 'Greater Manchester';
  towns: readonly Town[];
  /** Relative number of children in care (DfE looked-after figures, rounded). */
  childrenInCare: number;
  /** Relative number of children's homes: more where houses are cheaper, as in the real market. */
  residentialSupply: number;
  /** Share of families of South Asian heritage, and of Black or mixed heritage, among children in care. */
  southAsian: number;
  blackOrMixed: number;
}

export const DEMO_REGION_NAME = 'Greater Manchester';

export const DEMO_COUNCILS: readonly DemoCouncil[] = [
  {
    name: 'Bolton',
    onsCode: 'E08000001',
    lat: 53.5769,
    lon: -2.4282,
    areaSqKm: 139.8,
    region: 'Greater Manchester',
    childrenInCare: 650,
    residentialSupply: 1.3,
    southAsian: 0.12,
    blackOrMixed: 0.12,
    towns: [
      { name: 'Bolton', lat: 53.5769, lon: -2.4282, weight: 5 },
      { name: 'Farnworth', lat: 53.545, lon: -2.399, weight: 2 },
      { name: 'Horwich', lat: 53.601, lon: -2.549, weight: 1.5 },
      { name: 'Westhoughton', lat: 53.548, lon: -2.529, weight: 1.5 },
      { name: 'Little Lever', lat: 53.563, lon: -2.369, weight: 1 },
      { name: 'Blackrod', lat: 53.592, lon: -2.58, weight: 0.6 },
    ],
  },
  {
    name: 'Bury',
    onsCode: 'E08000002',
    lat: 53.5933,
    lon: -2.2966,
    areaSqKm: 99.5,
    region: 'Greater Manchester',
    childrenInCare: 380,
    residentialSupply: 0.8,
    southAsian: 0.07,
    blackOrMixed: 0.08,
    towns: [
      { name: 'Bury', lat: 53.5933, lon: -2.2966, weight: 4 },
      { name: 'Radcliffe', lat: 53.561, lon: -2.326, weight: 2 },
      { name: 'Prestwich', lat: 53.533, lon: -2.283, weight: 2 },
      { name: 'Whitefield', lat: 53.55, lon: -2.3, weight: 1.5 },
      { name: 'Ramsbottom', lat: 53.648, lon: -2.317, weight: 1 },
      { name: 'Tottington', lat: 53.613, lon: -2.339, weight: 0.8 },
    ],
  },
  {
    name: 'Manchester',
    onsCode: 'E08000003',
    lat: 53.4808,
    lon: -2.2426,
    areaSqKm: 115.6,
    region: 'Greater Manchester',
    childrenInCare: 1300,
    residentialSupply: 1.0,
    southAsian: 0.14,
    blackOrMixed: 0.3,
    towns: [
      { name: 'Manchester city centre', lat: 53.4808, lon: -2.2426, weight: 2 },
      { name: 'Wythenshawe', lat: 53.392, lon: -2.264, weight: 3 },
      { name: 'Gorton', lat: 53.467, lon: -2.173, weight: 2 },
      { name: 'Moston', lat: 53.517, lon: -2.187, weight: 1.5 },
      { name: 'Harpurhey', lat: 53.508, lon: -2.217, weight: 1.5 },
      { name: 'Longsight', lat: 53.459, lon: -2.2, weight: 1.5 },
      { name: 'Moss Side', lat: 53.462, lon: -2.243, weight: 1.5 },
      { name: 'Chorlton', lat: 53.442, lon: -2.277, weight: 1.2 },
      { name: 'Didsbury', lat: 53.416, lon: -2.231, weight: 1 },
    ],
  },
  {
    name: 'Oldham',
    onsCode: 'E08000004',
    lat: 53.5409,
    lon: -2.1114,
    areaSqKm: 142.4,
    region: 'Greater Manchester',
    childrenInCare: 600,
    residentialSupply: 1.3,
    southAsian: 0.2,
    blackOrMixed: 0.07,
    towns: [
      { name: 'Oldham', lat: 53.5409, lon: -2.1114, weight: 5 },
      { name: 'Chadderton', lat: 53.546, lon: -2.14, weight: 1.8 },
      { name: 'Failsworth', lat: 53.51, lon: -2.165, weight: 1.2 },
      { name: 'Royton', lat: 53.566, lon: -2.121, weight: 1.2 },
      { name: 'Shaw', lat: 53.577, lon: -2.093, weight: 1 },
      { name: 'Lees', lat: 53.538, lon: -2.074, weight: 0.6 },
      { name: 'Uppermill', lat: 53.55, lon: -2.006, weight: 0.8 },
    ],
  },
  {
    name: 'Rochdale',
    onsCode: 'E08000005',
    lat: 53.6097,
    lon: -2.1561,
    areaSqKm: 158.1,
    region: 'Greater Manchester',
    childrenInCare: 600,
    residentialSupply: 1.5,
    southAsian: 0.16,
    blackOrMixed: 0.07,
    towns: [
      { name: 'Rochdale', lat: 53.6097, lon: -2.1561, weight: 5 },
      { name: 'Heywood', lat: 53.593, lon: -2.219, weight: 1.8 },
      { name: 'Middleton', lat: 53.555, lon: -2.187, weight: 2.2 },
      { name: 'Littleborough', lat: 53.644, lon: -2.094, weight: 0.8 },
      { name: 'Milnrow', lat: 53.609, lon: -2.111, weight: 0.8 },
    ],
  },
  {
    name: 'Salford',
    onsCode: 'E08000006',
    lat: 53.4875,
    lon: -2.2901,
    areaSqKm: 97.2,
    region: 'Greater Manchester',
    childrenInCare: 600,
    residentialSupply: 1.0,
    southAsian: 0.04,
    blackOrMixed: 0.14,
    towns: [
      { name: 'Salford', lat: 53.4875, lon: -2.2901, weight: 3 },
      { name: 'Eccles', lat: 53.483, lon: -2.334, weight: 2 },
      { name: 'Swinton', lat: 53.512, lon: -2.345, weight: 1.8 },
      { name: 'Walkden', lat: 53.523, lon: -2.399, weight: 1.5 },
      { name: 'Irlam', lat: 53.443, lon: -2.422, weight: 0.9 },
      { name: 'Little Hulton', lat: 53.53, lon: -2.418, weight: 0.9 },
    ],
  },
  {
    name: 'Stockport',
    onsCode: 'E08000007',
    lat: 53.4106,
    lon: -2.1575,
    areaSqKm: 126.1,
    region: 'Greater Manchester',
    childrenInCare: 400,
    residentialSupply: 0.6,
    southAsian: 0.05,
    blackOrMixed: 0.07,
    towns: [
      { name: 'Stockport', lat: 53.4106, lon: -2.1575, weight: 4 },
      { name: 'Cheadle', lat: 53.393, lon: -2.212, weight: 1.5 },
      { name: 'Reddish', lat: 53.436, lon: -2.159, weight: 1.5 },
      { name: 'Hazel Grove', lat: 53.375, lon: -2.111, weight: 1.2 },
      { name: 'Bramhall', lat: 53.358, lon: -2.164, weight: 1 },
      { name: 'Marple', lat: 53.394, lon: -2.062, weight: 1 },
    ],
  },
  {
    name: 'Tameside',
    onsCode: 'E08000008',
    lat: 53.4806,
    lon: -2.0809,
    areaSqKm: 103.2,
    region: 'Greater Manchester',
    childrenInCare: 700,
    residentialSupply: 1.2,
    southAsian: 0.06,
    blackOrMixed: 0.06,
    towns: [
      { name: 'Ashton-under-Lyne', lat: 53.489, lon: -2.098, weight: 3 },
      { name: 'Hyde', lat: 53.451, lon: -2.079, weight: 2 },
      { name: 'Stalybridge', lat: 53.484, lon: -2.056, weight: 1.5 },
      { name: 'Denton', lat: 53.456, lon: -2.115, weight: 1.8 },
      { name: 'Droylsden', lat: 53.481, lon: -2.145, weight: 1.5 },
      { name: 'Dukinfield', lat: 53.474, lon: -2.088, weight: 1 },
      { name: 'Mossley', lat: 53.515, lon: -2.041, weight: 0.6 },
    ],
  },
  {
    name: 'Trafford',
    onsCode: 'E08000009',
    lat: 53.4215,
    lon: -2.3517,
    areaSqKm: 106.0,
    region: 'Greater Manchester',
    childrenInCare: 380,
    residentialSupply: 0.5,
    southAsian: 0.06,
    blackOrMixed: 0.12,
    towns: [
      { name: 'Sale', lat: 53.425, lon: -2.322, weight: 2.5 },
      { name: 'Stretford', lat: 53.446, lon: -2.308, weight: 2 },
      { name: 'Altrincham', lat: 53.387, lon: -2.349, weight: 2 },
      { name: 'Urmston', lat: 53.448, lon: -2.354, weight: 1.5 },
      { name: 'Old Trafford', lat: 53.458, lon: -2.282, weight: 1 },
      { name: 'Partington', lat: 53.419, lon: -2.431, weight: 0.7 },
    ],
  },
  {
    name: 'Wigan',
    onsCode: 'E08000010',
    lat: 53.545,
    lon: -2.6325,
    areaSqKm: 188.2,
    region: 'Greater Manchester',
    childrenInCare: 620,
    residentialSupply: 1.4,
    southAsian: 0.02,
    blackOrMixed: 0.04,
    towns: [
      { name: 'Wigan', lat: 53.545, lon: -2.6325, weight: 4 },
      { name: 'Leigh', lat: 53.497, lon: -2.515, weight: 2.5 },
      { name: 'Hindley', lat: 53.536, lon: -2.575, weight: 1.2 },
      { name: 'Ashton-in-Makerfield', lat: 53.487, lon: -2.641, weight: 1.4 },
      { name: 'Atherton', lat: 53.523, lon: -2.493, weight: 1.2 },
      { name: 'Tyldesley', lat: 53.513, lon: -2.468, weight: 1 },
      { name: 'Standish', lat: 53.587, lon: -2.664, weight: 0.9 },
      { name: 'Golborne', lat: 53.477, lon: -2.596, weight: 0.8 },
    ],
  },
];

/** "Farnworth, Bolton", or just "Bolton" for the council's own town. */
export function placeLabel(town: Town, council: DemoCouncil): string {
  return town.name === council.name ? council.name : `${town.name}, ${council.name}`;
}
