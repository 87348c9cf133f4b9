import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// The TypeORM CLI (migration:generate/run/revert) wants exactly one export.
// It needs DATABASE_URL: for the embedded server, `npm start` prints the URL it uses.
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@localhost:5432/rapport'),
);
