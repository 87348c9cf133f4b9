import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795374382494 implements MigrationInterface {
  name = 'InitialSchema1795374382494';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "workspaces" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "phase_weights" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_de659ece27e93d8fe29339d0a42" UNIQUE ("name"), CONSTRAINT "PK_098656ae401f3e1a4586f47fd8e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "brands" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "name" text NOT NULL, "slug" text NOT NULL, "timezone" text NOT NULL DEFAULT 'UTC', "response_target_minutes" integer NOT NULL DEFAULT '60', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "brands_workspace_id_key" UNIQUE ("workspace_id", "id"), CONSTRAINT "brands_workspace_slug_key" UNIQUE ("workspace_id", "slug"), CONSTRAINT "brands_response_target_check" CHECK ("response_target_minutes" BETWEEN 1 AND 10080), CONSTRAINT "PK_b0c437120b624da1034a81fc561" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "brands_workspace_created_idx" ON "brands"  ("workspace_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."channel" AS ENUM('TWITTER', 'FACEBOOK', 'INSTAGRAM', 'LINKEDIN', 'YOUTUBE', 'TIKTOK', 'EMAIL', 'BLOG', 'FORUM', 'APP_STORE', 'WEBINAR', 'IN_PERSON', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "audiences" ("brand_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "name" text NOT NULL, "channel" "public"."channel" NOT NULL, "size" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "audiences_size_check" CHECK ("size" >= 0), CONSTRAINT "PK_4d1128f674e5be6ceff1b864ca8" PRIMARY KEY ("brand_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."feedback_kind" AS ENUM('COMMENT', 'QUESTION', 'COMPLAINT', 'SUGGESTION', 'REVIEW', 'PRAISE', 'MENTION', 'SURVEY_RESPONSE')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."feedback_outcome" AS ENUM('NONE', 'ANSWERED', 'RESOLVED', 'ADOPTED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "feedback" ("brand_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "audience_id" uuid, "kind" "public"."feedback_kind" NOT NULL, "sentiment" double precision, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "first_response_at" TIMESTAMP WITH TIME ZONE, "category" text, "outcome" "public"."feedback_outcome" NOT NULL DEFAULT 'NONE', "in_reply_to_activity_id" uuid, "in_reply_to_activity_external_id" text, "external_id" text, "author_ref" text, "text" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "feedback_brand_external_id_key" UNIQUE ("brand_id", "external_id"), CONSTRAINT "feedback_sentiment_check" CHECK ("sentiment" BETWEEN -1 AND 1), CONSTRAINT "PK_8816f64ffdc39a573a8c7534cab" PRIMARY KEY ("brand_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "feedback_brand_audience_idx" ON "feedback"  ("brand_id", "audience_id") WHERE audience_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "feedback_brand_reply_to_idx" ON "feedback"  ("brand_id", "in_reply_to_activity_id") WHERE in_reply_to_activity_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "feedback_brand_reply_to_external_idx" ON "feedback"  ("brand_id", "in_reply_to_activity_external_id") WHERE in_reply_to_activity_external_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "feedback_brand_received_idx" ON "feedback"  ("brand_id", "received_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."activity_kind" AS ENUM('MONITORING', 'SURVEY', 'INTERVIEW', 'SOCIAL_LISTENING', 'ANALYSIS', 'RESEARCH', 'REPORT', 'POLICY_CHANGE', 'REPLY', 'DIRECT_MESSAGE', 'WEBINAR', 'LIVESTREAM', 'EVENT', 'COMMUNITY_CHAT', 'POST', 'ARTICLE', 'NEWSLETTER', 'PRESS_RELEASE', 'AD', 'CAMPAIGN')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."engagement_phase" AS ENUM('LISTENING', 'PROCESSING', 'INTERACTING', 'BROADCASTING')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."activity_intent" AS ENUM('INFORM', 'PROMOTE', 'ENGAGE', 'UNDERSTAND', 'ACCOMMODATE')`,
    );
    await queryRunner.query(
      `CREATE TABLE "activities" ("brand_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "audience_id" uuid, "kind" "public"."activity_kind" NOT NULL, "phase" "public"."engagement_phase" NOT NULL, "intent" "public"."activity_intent" NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reach" integer, "engagements" integer, "in_reply_to_feedback_id" uuid, "in_reply_to_feedback_external_id" text, "external_id" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "activities_brand_external_id_key" UNIQUE ("brand_id", "external_id"), CONSTRAINT "activities_engagements_check" CHECK ("engagements" >= 0), CONSTRAINT "activities_reach_check" CHECK ("reach" >= 0), CONSTRAINT "PK_714c6ccc53f065be83b8c046c05" PRIMARY KEY ("brand_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "activities_brand_audience_idx" ON "activities"  ("brand_id", "audience_id") WHERE audience_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "activities_brand_reply_to_external_idx" ON "activities"  ("brand_id", "in_reply_to_feedback_external_id") WHERE in_reply_to_feedback_external_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "activities_brand_reply_to_idx" ON "activities"  ("brand_id", "in_reply_to_feedback_id") WHERE in_reply_to_feedback_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "activities_brand_occurred_idx" ON "activities"  ("brand_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."api_key_scope" AS ENUM('READ', 'WRITE', 'ADMIN')`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "name" text NOT NULL, "secret_hash" bytea NOT NULL, "secret_prefix" text NOT NULL, "scopes" "public"."api_key_scope" array NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_fef9aa4a1cf4f8c063ac5d75f2e" UNIQUE ("secret_hash"), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "api_keys_workspace_idx" ON "api_keys"  ("workspace_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "brands" ADD CONSTRAINT "FK_a3aa0fff4ae9b4a764159e8a2df" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audiences" ADD CONSTRAINT "FK_b5a8cb40531f6a54b9529136bc3" FOREIGN KEY ("brand_id", "workspace_id") REFERENCES "brands"("id","workspace_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_ee0f9b980fc5a312c90020c5d04" FOREIGN KEY ("brand_id", "workspace_id") REFERENCES "brands"("id","workspace_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_0661eb73d0a25fe4af5aea10b05" FOREIGN KEY ("brand_id", "audience_id") REFERENCES "audiences"("brand_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_3b50c3bdda3fcd80e03af0ffb06" FOREIGN KEY ("brand_id", "in_reply_to_activity_id") REFERENCES "activities"("brand_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_fca5160be45d42c90d788097b36" FOREIGN KEY ("brand_id", "workspace_id") REFERENCES "brands"("id","workspace_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_cd449cd02729778b973238f2d94" FOREIGN KEY ("brand_id", "audience_id") REFERENCES "audiences"("brand_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_04ecdb0d6ca01e3b6d7f2a66c0f" FOREIGN KEY ("brand_id", "in_reply_to_feedback_id") REFERENCES "feedback"("brand_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "FK_deb68fe8625b21785d1c48283e4" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "api_keys" DROP CONSTRAINT "FK_deb68fe8625b21785d1c48283e4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" DROP CONSTRAINT "FK_04ecdb0d6ca01e3b6d7f2a66c0f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" DROP CONSTRAINT "FK_cd449cd02729778b973238f2d94"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" DROP CONSTRAINT "FK_fca5160be45d42c90d788097b36"`,
    );
    await queryRunner.query(
      `ALTER TABLE "feedback" DROP CONSTRAINT "FK_3b50c3bdda3fcd80e03af0ffb06"`,
    );
    await queryRunner.query(
      `ALTER TABLE "feedback" DROP CONSTRAINT "FK_0661eb73d0a25fe4af5aea10b05"`,
    );
    await queryRunner.query(
      `ALTER TABLE "feedback" DROP CONSTRAINT "FK_ee0f9b980fc5a312c90020c5d04"`,
    );
    await queryRunner.query(
      `ALTER TABLE "audiences" DROP CONSTRAINT "FK_b5a8cb40531f6a54b9529136bc3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "brands" DROP CONSTRAINT "FK_a3aa0fff4ae9b4a764159e8a2df"`,
    );
    await queryRunner.query(`DROP INDEX "public"."api_keys_workspace_idx"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TYPE "public"."api_key_scope"`);
    await queryRunner.query(`DROP INDEX "public"."activities_brand_occurred_idx"`);
    await queryRunner.query(`DROP INDEX "public"."activities_brand_reply_to_idx"`);
    await queryRunner.query(`DROP INDEX "public"."activities_brand_reply_to_external_idx"`);
    await queryRunner.query(`DROP INDEX "public"."activities_brand_audience_idx"`);
    await queryRunner.query(`DROP TABLE "activities"`);
    await queryRunner.query(`DROP TYPE "public"."activity_intent"`);
    await queryRunner.query(`DROP TYPE "public"."engagement_phase"`);
    await queryRunner.query(`DROP TYPE "public"."activity_kind"`);
    await queryRunner.query(`DROP INDEX "public"."feedback_brand_received_idx"`);
    await queryRunner.query(`DROP INDEX "public"."feedback_brand_reply_to_external_idx"`);
    await queryRunner.query(`DROP INDEX "public"."feedback_brand_reply_to_idx"`);
    await queryRunner.query(`DROP INDEX "public"."feedback_brand_audience_idx"`);
    await queryRunner.query(`DROP TABLE "feedback"`);
    await queryRunner.query(`DROP TYPE "public"."feedback_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."feedback_kind"`);
    await queryRunner.query(`DROP TABLE "audiences"`);
    await queryRunner.query(`DROP TYPE "public"."channel"`);
    await queryRunner.query(`DROP INDEX "public"."brands_workspace_created_idx"`);
    await queryRunner.query(`DROP TABLE "brands"`);
    await queryRunner.query(`DROP TABLE "workspaces"`);
  }
}
