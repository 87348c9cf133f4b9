import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  type GraphQLField,
} from 'graphql';
import { appSchema } from '../../../test/support/app-schema';
import { FIELD_COSTS, batchItems, seriesPeriods } from './field-costs';

const schema = appSchema();

function fieldOf(key: string): GraphQLField<unknown, unknown> | undefined {
  const [typeName, fieldName] = key.split('.');
  const type = schema().getType(typeName!);
  return type && isObjectType(type) ? type.getFields()[fieldName!] : undefined;
}

const isObjectList = (field: GraphQLField<unknown, unknown>) =>
  isListType(getNullableType(field.type)) && isObjectType(getNamedType(field.type));

describe('FIELD_COSTS, the one table of field costs', () => {
  it('names only fields of the schema (Type.field)', () => {
    const unknown = Object.keys(FIELD_COSTS).filter((key) => !fieldOf(key));
    expect(unknown).toEqual([]);
  });

  it('gives list sizes to lists only', () => {
    const notLists = Object.entries(FIELD_COSTS)
      .filter(([key, cost]) => 'items' in cost && !isObjectList(fieldOf(key)!))
      .map(([key]) => key);
    expect(notLists).toEqual([]);
  });

  it('prices every list of objects that is not a connection (connections count `first`)', () => {
    const unpriced: string[] = [];
    for (const type of Object.values(schema().getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection'))
        continue;
      for (const field of Object.values(type.getFields())) {
        const key = `${type.name}.${field.name}`;
        const connection = getNamedType(field.type).name.endsWith('Connection');
        if (isObjectList(field) && !connection && !(key in FIELD_COSTS)) unpriced.push(key);
        if (connection && !field.args.some((a) => a.name === 'first')) unpriced.push(key);
      }
    }
    expect(unpriced).toEqual([]);
  });
});

describe('sizes from arguments', () => {
  const DAY = 86_400_000;
  const window = (days: number) => ({
    from: new Date('2024-01-01T00:00:00Z'),
    to: new Date(Date.parse('2024-01-01T00:00:00Z') + days * DAY),
  });

  it.each([
    // days, granularity, periods (+1: the brand's time zone may shift the edges)
    [900, 'DAY', 901],
    [900, 'WEEK', 130],
    [900, 'MONTH', 34],
    [1, 'DAY', 2],
    [5000, 'DAY', 1000], // longer series are refused by the resolver
    [-3, 'DAY', 1],
  ])('a %i-day window by %s is at most %i periods', (days, granularity, periods) => {
    expect(seriesPeriods({ window: window(days), granularity })).toBe(periods);
  });

  it('assumes the most when the arguments are unknown', () => {
    expect(seriesPeriods(undefined)).toBe(1000);
    expect(seriesPeriods({ window: { from: 'x', to: 'y' }, granularity: 'DAY' })).toBe(1000);
    expect(batchItems(undefined)).toBe(1000);
    expect(batchItems({ input: { activities: [{}, {}], feedback: [{}] } })).toBe(3);
  });
});
