"""initial registry schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('household',
    sa.Column('kk_number', sa.String(length=16), nullable=True),
    sa.Column('head_name', sa.String(length=150), nullable=False),
    sa.Column('dusun', sa.String(length=80), nullable=False),
    sa.Column('rw', sa.String(length=3), nullable=False),
    sa.Column('rt', sa.String(length=3), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('collection_method', sa.String(length=20), nullable=False),
    sa.Column('collected_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('village_code', sa.String(length=13), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('changed_by', sa.String(length=36), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household'))
    )
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.create_index('ix_household_dusun', ['dusun'], unique=False)
        batch_op.create_index('uq_household_kk_live', ['kk_number'], unique=True, sqlite_where=sa.text('deleted_at IS NULL AND kk_number IS NOT NULL'))

    op.create_table('officer',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('username', sa.String(length=50), nullable=False),
    sa.Column('full_name', sa.String(length=150), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officer')),
    sa.UniqueConstraint('username', name=op.f('uq_officer_username'))
    )
    op.create_table('village',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=13), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('district_code', sa.String(length=8), nullable=False),
    sa.Column('district_name', sa.String(length=100), nullable=False),
    sa.Column('regency_code', sa.String(length=5), nullable=False),
    sa.Column('regency_name', sa.String(length=100), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=False),
    sa.Column('province_name', sa.String(length=100), nullable=False),
    sa.Column('post_name', sa.String(length=150), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_village'))
    )
    op.create_table('person',
    sa.Column('nik', sa.String(length=16), nullable=True),
    sa.Column('full_name', sa.String(length=150), nullable=False),
    sa.Column('name_key', sa.String(length=150), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('birth_place', sa.String(length=100), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('education', sa.String(length=20), nullable=False),
    sa.Column('marital_status', sa.String(length=20), nullable=False),
    sa.Column('relation_to_head', sa.String(length=20), nullable=False),
    sa.Column('passport_number', sa.String(length=20), nullable=False),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('last_country', sa.String(length=2), nullable=False),
    sa.Column('collection_method', sa.String(length=20), nullable=False),
    sa.Column('collected_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('village_code', sa.String(length=13), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('changed_by', sa.String(length=36), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_person_household_id_household')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_dup', ['name_key', 'birth_date'], unique=False)
        batch_op.create_index('ix_person_household', ['household_id'], unique=False)
        batch_op.create_index('ix_person_live_name', ['name_key', 'id'], unique=False, sqlite_where=sa.text('deleted_at IS NULL'))
        batch_op.create_index('ix_person_status', ['status', 'name_key'], unique=False)
        batch_op.create_index('uq_person_nik_live', ['nik'], unique=True, sqlite_where=sa.text('deleted_at IS NULL AND nik IS NOT NULL'))

    op.create_table('visit',
    sa.Column('household_id', sa.String(length=36), nullable=False),
    sa.Column('visit_date', sa.Date(), nullable=False),
    sa.Column('officer_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('follow_up_date', sa.Date(), nullable=True),
    sa.Column('collection_method', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('village_code', sa.String(length=13), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('changed_by', sa.String(length=36), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_visit_household_id_household')),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_visit_officer_id_officer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index('ix_visit_household', ['household_id', 'visit_date'], unique=False)

    op.create_table('placement',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('sector', sa.String(length=10), nullable=False),
    sa.Column('job', sa.String(length=20), nullable=False),
    sa.Column('scheme', sa.String(length=20), nullable=False),
    sa.Column('agency_name', sa.String(length=150), nullable=False),
    sa.Column('departure_date', sa.Date(), nullable=True),
    sa.Column('contract_end', sa.Date(), nullable=True),
    sa.Column('return_date', sa.Date(), nullable=True),
    sa.Column('procedural', sa.Boolean(), nullable=True),
    sa.Column('documents', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('village_code', sa.String(length=13), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('changed_by', sa.String(length=36), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_placement_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placement'))
    )
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.create_index('ix_placement_person', ['person_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.drop_index('ix_placement_person')

    op.drop_table('placement')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_household')

    op.drop_table('visit')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('uq_person_nik_live', sqlite_where=sa.text('deleted_at IS NULL AND nik IS NOT NULL'))
        batch_op.drop_index('ix_person_status')
        batch_op.drop_index('ix_person_live_name', sqlite_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index('ix_person_household')
        batch_op.drop_index('ix_person_dup')

    op.drop_table('person')
    op.drop_table('village')
    op.drop_table('officer')
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index('uq_household_kk_live', sqlite_where=sa.text('deleted_at IS NULL AND kk_number IS NOT NULL'))
        batch_op.drop_index('ix_household_dusun')

    op.drop_table('household')
